package org.osprey.detect.builtin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.Detector;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.builtin.internal.auth.BruteForceDetector;
import org.osprey.detect.builtin.internal.beacon.BeaconDetector;
import org.osprey.detect.builtin.internal.dns.DnsTunnelDetector;
import org.osprey.stream.DisplayFilter;

/**
 * A flood of new sources (spoofed SYNs to SSH from random addresses, DNS queries for random domains from random
 * clients) fills the detectors' tables many times over: once full, they evict and reuse entries, so inspecting the
 * second half of the flood allocates next to nothing (measured with the JVM's allocation counter of this thread)
 * and memory stays flat; nor does a flood of strangers look like guessing, tunnelling or beaconing.
 */
class ApplicationDetectorsFloodTest {

    private static final int PACKETS_PER_KIND = 40_000;
    /** Far below one small object per packet of the second half (20,000 x 16 bytes); room for JIT and lambdas. */
    private static final long ALLOWED_BYTES = 64 * 1024;

    @TempDir
    Path temp;

    @Test
    void aFloodOfNewSourcesAllocatesNothingOnceTheTablesAreFull() throws Exception {
        Path file = temp.resolve("flood.pcap");
        Random random = new Random(3);
        try (TcpCapture capture = new TcpCapture(file)) {
            for (int i = 0; i < PACKETS_PER_KIND; i++) {
                long t = i * 100_000L; // 10,000 of each per second
                capture.tcp(t, address(random), 1024 + random.nextInt(60_000), address(random), 22, 0x02, null);
                capture.dnsQuery(t + 50_000, address(random), "10.0.0.53",
                        "www.d" + random.nextInt(1_000_000) + ".com");
            }
        }
        List<PacketSummary> packets = CapturePackets.read(file);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Method allocatedBytes = allocatedBytesOfThisThread(threads);

        // (The clear-text credentials detector sees no packet of this flood: it looks at payloads only.)
        for (Detector detector : List.of(new DnsTunnelDetector(), new BruteForceDetector(), new BeaconDetector())) {
            DisplayFilter filter = DisplayFilter.compile(detector.filter());
            List<PacketSummary> matching = packets.stream().filter(filter::matches).toList();
            List<Alert> alerts = new ArrayList<>();
            PacketInspector inspector = Replays.start(detector, alerts::add);
            int half = matching.size() / 2;
            matching.subList(0, half).forEach(inspector::inspect); // fills the tables, and warms up the JIT
            long before = (long) allocatedBytes.invoke(threads);
            for (PacketSummary packet : matching.subList(half, matching.size())) {
                inspector.inspect(packet);
            }
            long allocated = (long) allocatedBytes.invoke(threads) - before;
            System.out.printf(Locale.ROOT, "%-30s %,7d packets inspected, second half: %,d bytes allocated%n",
                    detector.id(), matching.size(), allocated);
            assertEquals(List.of(), alerts, detector.id());
            assertTrue(allocated <= ALLOWED_BYTES, () -> detector.id() + " allocated " + allocated + " bytes");
        }
    }

    private static String address(Random random) {
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    /** com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes, reached through the platform bean. */
    private static Method allocatedBytesOfThisThread(ThreadMXBean threads) throws NoSuchMethodException {
        for (Class<?> type : threads.getClass().getInterfaces()) {
            if (type.getName().equals("com.sun.management.ThreadMXBean")) {
                return type.getMethod("getCurrentThreadAllocatedBytes");
            }
        }
        throw new AssertionError("this JVM does not count allocated bytes per thread");
    }
}
