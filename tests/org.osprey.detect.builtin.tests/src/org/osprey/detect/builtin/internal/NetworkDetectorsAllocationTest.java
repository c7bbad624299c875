package org.osprey.detect.builtin.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.Detector;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.builtin.internal.arp.ArpScanDetector;
import org.osprey.detect.builtin.internal.arp.ArpSpoofDetector;
import org.osprey.detect.builtin.internal.flood.IcmpFloodDetector;
import org.osprey.detect.builtin.internal.flood.SynFloodDetector;
import org.osprey.detect.builtin.internal.scan.PingSweepDetector;
import org.osprey.detect.builtin.internal.scan.PortScanDetector;
import org.osprey.stream.DisplayFilter;

/**
 * The network detectors' inspectors allocate nothing per packet: over the 350k packets of bench/bigmix-350k.pcap
 * (decoded beforehand), the bytes the inspecting thread allocates are those of the few alerts raised, not a multiple
 * of the packets; and the state an inspector allocates when it starts (its bounded tables, which never grow) is
 * printed and bounded. Measured with the JVM's per-thread allocation counter, so other threads do not count.
 */
class NetworkDetectorsAllocationTest {

    /** Generous room for the alerts' builders, strings and maps (bigmix raises a handful per detector). */
    private static final long BYTES_PER_ALERT = 16 * 1024;
    private static final long SECOND = 1_000_000_000L;
    /** The bound of one detector's state, whatever the traffic (the port scan's tables are the largest). */
    private static final long MAX_STATE_BYTES = 16L << 20;

    @Test
    void inspectingAllocatesOnlyForAlerts() throws Exception {
        Method allocatedBytes = allocationCounter();
        long totalState = 0;
        List<PacketSummary> packets = CapturePackets.read(Replays.corpus("pcaps/bench/bigmix-350k.pcap"));
        for (Detector detector : List.of(new PortScanDetector(), new PingSweepDetector(), new ArpScanDetector(),
                new ArpSpoofDetector(), new SynFloodDetector(), new IcmpFloodDetector())) {
            DisplayFilter filter = DisplayFilter.compile(detector.filter());
            List<PacketSummary> matching = new ArrayList<>(packets.size());
            for (PacketSummary packet : packets) {
                if (filter.matches(packet)) {
                    matching.add(packet);
                }
            }
            replay(detector, matching, allocatedBytes, new ArrayList<>()); // the first run loads classes
            List<Alert> alerts = new ArrayList<>(64);
            Allocation allocation = replay(detector, matching, allocatedBytes, alerts);
            System.out.printf(Locale.ROOT, "%-18s state %,11d bytes; %,9d packets inspected, %2d alerts, %,9d bytes"
                    + " allocated%n", detector.id(), allocation.state(), matching.size(), alerts.size(),
                    allocation.inspecting());
            long allowed = (alerts.size() + 1) * BYTES_PER_ALERT;
            assertTrue(allocation.inspecting() <= allowed, () -> detector.id() + " allocated "
                    + allocation.inspecting() + " bytes for " + matching.size() + " packets and " + alerts.size()
                    + " alerts (at most " + allowed + ")");
            assertTrue(allocation.state() <= MAX_STATE_BYTES, () -> detector.id() + " holds " + allocation.state()
                    + " bytes of state");
            totalState += allocation.state();
        }
        System.out.printf(Locale.ROOT, "all six: %,d bytes of state per detection run%n", totalState);
    }

    /** Bytes allocated by the inspector's start (its bounded tables) and while it inspected. */
    private record Allocation(long state, long inspecting) {
    }

    private static Allocation replay(Detector detector, List<PacketSummary> matching, Method allocatedBytes,
            List<Alert> alerts) throws Exception {
        long beforeStart = (long) allocatedBytes.invoke(ManagementFactory.getThreadMXBean());
        PacketInspector inspector = Replays.start(detector, alerts::add);
        long before = (long) allocatedBytes.invoke(ManagementFactory.getThreadMXBean());
        long nextTick = Long.MIN_VALUE;
        for (PacketSummary packet : matching) {
            if (packet.timestampNanos() >= nextTick) {
                inspector.timeAdvanced(packet.timestampNanos());
                nextTick = packet.timestampNanos() + SECOND;
            }
            inspector.inspect(packet);
        }
        long after = (long) allocatedBytes.invoke(ManagementFactory.getThreadMXBean());
        return new Allocation(before - beforeStart, after - before);
    }

    /** com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes, found from the platform bean itself. */
    private static Method allocationCounter() throws NoSuchMethodException {
        for (Class<?> type : ManagementFactory.getThreadMXBean().getClass().getInterfaces()) {
            if (type.getName().equals("com.sun.management.ThreadMXBean")) {
                return type.getMethod("getCurrentThreadAllocatedBytes");
            }
        }
        throw new NoSuchMethodException("this JVM has no per-thread allocation counter");
    }
}
