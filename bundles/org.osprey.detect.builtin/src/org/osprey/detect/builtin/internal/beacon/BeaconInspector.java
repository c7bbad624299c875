package org.osprey.detect.builtin.internal.beacon;

import java.util.Locale;

import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorSettings;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.Severity;
import org.osprey.detect.builtin.internal.EndpointIds;
import org.osprey.detect.builtin.internal.HostIds;
import org.osprey.detect.builtin.internal.KeyTable;

/**
 * Keeps, per host, destination and port, the times of the last N connection starts, in a {@link KeyTable} with
 * parallel arrays: nothing is allocated per SYN once an entry's arrays exist, even under a flood of new sources (the
 * table then evicts the destinations not seen for longest). Memory: at most {@link BeaconDetector#TRACKED} entries of
 * two arrays of N longs each.
 */
final class BeaconInspector implements PacketInspector {

    private final DetectorContext context;
    /** Keyed by the host's id and the destination's endpoint id (address and port). */
    private final KeyTable destinations;
    /** Per entry: the last N start times and their packet sequences, a ring written at {@code next}. */
    private final long[][] times;
    private final long[][] sequences;
    private final int[] next;
    private final int[] held;
    /** Per entry: the last start (a check-in's first SYN), to merge the SYNs of one burst. */
    private final long[] last;
    private final boolean[] alerted;

    BeaconInspector(DetectorContext context, int tracked) {
        this.context = context;
        this.destinations = new KeyTable(tracked);
        this.times = new long[tracked][];
        this.sequences = new long[tracked][];
        this.next = new int[tracked];
        this.held = new int[tracked];
        this.last = new long[tracked];
        this.alerted = new boolean[tracked];
    }

    @Override
    public void inspect(PacketSummary packet) {
        long host = HostIds.source(packet);
        if (host == HostIds.NONE || (packet.tcpFlags() & (PacketSummary.TCP_SYN | PacketSummary.TCP_ACK))
                != PacketSummary.TCP_SYN) {
            return;
        }
        DetectorSettings settings = context.settings();
        int capacity = settings.intValue(BeaconDetector.CONNECTIONS);
        long now = packet.timestampNanos();
        int entry = destinations.findOrAdd(host, EndpointIds.of(HostIds.destination(packet), packet.dstPort()), now);
        if (destinations.added() || times[entry] == null || times[entry].length != capacity) {
            start(entry, capacity); // a new destination, or the analyst changed N: start over
        } else if (now - last[entry] <= settings.nanos(BeaconDetector.BURST)) {
            return; // part of the same check-in
        }
        times[entry][next[entry]] = now;
        sequences[entry][next[entry]] = packet.sequence();
        next[entry] = (next[entry] + 1) % capacity;
        held[entry] = Math.min(held[entry] + 1, capacity);
        last[entry] = now;
        if (alerted[entry] || held[entry] < capacity) {
            return;
        }
        long[] ring = times[entry];
        int oldest = next[entry]; // the ring is full: the oldest start is the next to be overwritten
        int intervals = capacity - 1;
        double sum = 0;
        for (int i = 1; i <= intervals; i++) {
            sum += ring[(oldest + i) % capacity] - ring[(oldest + i - 1) % capacity];
        }
        double mean = sum / intervals;
        if (mean < settings.nanos(BeaconDetector.MIN_INTERVAL)) {
            return;
        }
        double squares = 0;
        for (int i = 1; i <= intervals; i++) {
            double deviation = ring[(oldest + i) % capacity] - ring[(oldest + i - 1) % capacity] - mean;
            squares += deviation * deviation;
        }
        double variation = Math.sqrt(squares / intervals) / mean;
        if (variation <= settings.value(BeaconDetector.MAX_VARIATION)) {
            alerted[entry] = true;
            raise(packet, entry, mean, variation, settings);
        }
    }

    private void start(int entry, int capacity) {
        if (times[entry] == null || times[entry].length != capacity) {
            times[entry] = new long[capacity];
            sequences[entry] = new long[capacity];
        }
        next[entry] = 0;
        held[entry] = 0;
        alerted[entry] = false;
    }

    private void raise(PacketSummary packet, int entry, double meanNanos, double variation,
            DetectorSettings settings) {
        String host = packet.source();
        String destination = packet.destination();
        int port = packet.dstPort();
        long[] ring = times[entry];
        int capacity = ring.length;
        int oldest = next[entry];
        double seconds = meanNanos / 1e9;
        double minimum = Double.MAX_VALUE, maximum = 0;
        for (int i = 1; i < capacity; i++) {
            double interval = (ring[(oldest + i) % capacity] - ring[(oldest + i - 1) % capacity]) / 1e9;
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
            alert.sequence(sequences[entry][(oldest + i) % capacity]);
        }
        context.alerts().raise(alert.timestampNanos(packet.timestampNanos()).build());
    }
}
