package org.osprey.detect.builtin.internal.beacon;

import java.util.Locale;
import java.util.Map;

import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorSettings;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.Severity;
import org.osprey.detect.builtin.internal.FlowKey;
import org.osprey.detect.builtin.internal.LruMap;

/**
 * Keeps, per host, destination and port, the times of the last N connection starts. Memory: at most
 * {@link BeaconDetector#TRACKED} entries of two arrays of N longs each; nothing is allocated per SYN of a known
 * triple.
 */
final class BeaconInspector implements PacketInspector {

    /** The recent connection starts to one destination. */
    private static final class Starts {
        long[] times;
        long[] sequences;
        /** Index the next start is written to. */
        int next;
        int held;
        long last;
        boolean alerted;

        Starts(int capacity) {
            times = new long[capacity];
            sequences = new long[capacity];
        }

        void add(long time, long sequence, int capacity) {
            if (times.length != capacity) { // the analyst changed N: start over
                times = new long[capacity];
                sequences = new long[capacity];
                next = 0;
                held = 0;
            }
            times[next] = time;
            sequences[next] = sequence;
            next = (next + 1) % capacity;
            held = Math.min(held + 1, capacity);
            last = time;
        }

        /** The i-th start held, oldest first. */
        int index(int i) {
            return (held < times.length ? i : next + i) % times.length;
        }
    }

    private final DetectorContext context;
    private final Map<FlowKey, Starts> destinations;
    private final FlowKey probe = new FlowKey();

    BeaconInspector(DetectorContext context, int tracked) {
        this.context = context;
        this.destinations = new LruMap<>(tracked);
    }

    @Override
    public void inspect(PacketSummary packet) {
        if (packet.ipVersion() == 0 || (packet.tcpFlags() & (PacketSummary.TCP_SYN | PacketSummary.TCP_ACK))
                != PacketSummary.TCP_SYN) {
            return;
        }
        DetectorSettings settings = context.settings();
        int capacity = settings.intValue(BeaconDetector.CONNECTIONS);
        long now = packet.timestampNanos();
        FlowKey key = probe.set(packet, false, true).sourcePort(FlowKey.ANY_PORT);
        Starts starts = destinations.get(key);
        if (starts == null) {
            starts = new Starts(capacity);
            destinations.put(key.copy(), starts);
        } else if (now - starts.last <= settings.nanos(BeaconDetector.BURST)) {
            return; // part of the same check-in
        }
        starts.add(now, packet.sequence(), capacity);
        if (starts.alerted || starts.held < capacity) {
            return;
        }
        int intervals = capacity - 1;
        double sum = 0;
        for (int i = 1; i <= intervals; i++) {
            sum += starts.times[starts.index(i)] - starts.times[starts.index(i - 1)];
        }
        double mean = sum / intervals;
        if (mean < settings.nanos(BeaconDetector.MIN_INTERVAL)) {
            return;
        }
        double squares = 0;
        for (int i = 1; i <= intervals; i++) {
            double deviation = starts.times[starts.index(i)] - starts.times[starts.index(i - 1)] - mean;
            squares += deviation * deviation;
        }
        double variation = Math.sqrt(squares / intervals) / mean;
        if (variation <= settings.value(BeaconDetector.MAX_VARIATION)) {
            starts.alerted = true;
            raise(packet, starts, mean, variation, settings);
        }
    }

    private void raise(PacketSummary packet, Starts starts, double meanNanos, double variation,
            DetectorSettings settings) {
        String host = packet.source();
        String destination = packet.destination();
        int port = packet.dstPort();
        int capacity = starts.times.length;
        double seconds = meanNanos / 1e9;
        double minimum = Double.MAX_VALUE, maximum = 0;
        for (int i = 1; i < capacity; i++) {
            double interval = (starts.times[starts.index(i)] - starts.times[starts.index(i - 1)]) / 1e9;
            minimum = Math.min(minimum, interval);
            maximum = Math.max(maximum, interval);
        }
        Alert.Builder alert = Alert.builder(BeaconDetector.ID, 1, "Beaconing (regular connections)")
                .severity(Severity.MEDIUM)
                .category("Potentially Bad Traffic")
                .mitreTechnique("T1071")
                .source(host, Alert.NO_PORT)
                .destination(destination, port)
                .transport("TCP")
                .message(String.format(Locale.ROOT, "%s connects to %s:%d every %.1f s (%d connections, variation"
                        + " %.3f): possible beaconing", host, destination, port, seconds, capacity, variation))
                .evidence("host", host)
                .evidence("destination", destination + ":" + port)
                .evidence("connections", Integer.toString(capacity))
                .evidence("mean interval", String.format(Locale.ROOT, "%.3f s", seconds))
                .evidence("interval range", String.format(Locale.ROOT, "%.3f .. %.3f s", minimum, maximum))
                .evidence("coefficient of variation", String.format(Locale.ROOT, "%.4f", variation))
                .evidence("threshold", String.format(Locale.ROOT, "variation <= %s over %d connections, mean >= %s s",
                        settings.value(BeaconDetector.MAX_VARIATION), capacity,
                        settings.value(BeaconDetector.MIN_INTERVAL)));
        for (int i = 0; i < capacity; i++) {
            alert.sequence(starts.sequences[starts.index(i)]);
        }
        context.alerts().raise(alert.timestampNanos(packet.timestampNanos()).build());
    }
}
