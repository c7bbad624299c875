package org.osprey.ui.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;
import org.osprey.testing.TestFiles;
import org.osprey.ui.charts.internal.Ranked;
import org.osprey.ui.charts.internal.TrafficSnapshot;
import org.osprey.ui.charts.internal.TrafficStatistics;

/**
 * The statistics behind the charts, headless, fed with real captures in batches as a stream subscription delivers
 * them, and compared with counts made independently: by tshark, or by a plain map over the file's packets.
 */
class TrafficStatisticsTest {

    private static final int BATCH = 1024; // the stream's largest delivery batch
    private static final int WINDOW = TrafficStatistics.WINDOW_SECONDS;

    @Test
    void ratesOverTheWindowAreTsharksPacketsAndBytesPerSecond() {
        for (String file : List.of("pcaps/scan/synscan.pcapng", "pcaps/brute/ftp-crack.pcap",
                "pcaps/arp/na-arpSpoofing.pcap", "pcaps/malformed/EIGRP_adjacency.pcap")) {
            Path capture = TestFiles.corpus(file);
            TrafficStatistics statistics = new TrafficStatistics();
            long published = feed(statistics, capture, 0);
            TrafficSnapshot snapshot = statistics.snapshot();

            TreeMap<Long, long[]> reference = Tshark.perSecond(capture);
            long newest = reference.lastKey();
            assertEquals(newest, snapshot.windowEndSecond(), file + ": the window ends at the newest packet's second");
            long[] expectedPackets = new long[WINDOW];
            long[] expectedBytes = new long[WINDOW];
            long totalBytes = 0;
            for (Map.Entry<Long, long[]> second : reference.entrySet()) {
                totalBytes += second.getValue()[1];
                int index = (int) (second.getKey() - (newest - WINDOW + 1));
                if (index >= 0) {
                    expectedPackets[index] = second.getValue()[0];
                    expectedBytes[index] = second.getValue()[1];
                }
            }
            assertArrayEquals(expectedPackets, snapshot.packetsPerSecond(), file + ": packets per second");
            assertArrayEquals(expectedBytes, snapshot.bytesPerSecond(), file + ": bytes per second");
            long tsharkPackets = reference.values().stream().mapToLong(c -> c[0]).sum();
            assertEquals(tsharkPackets, published, file + ": we read as many packets as tshark");
            assertEquals(tsharkPackets, snapshot.packets(), file + ": total packets, the window's and older");
            assertEquals(totalBytes, snapshot.bytes(), file + ": total wire bytes");
        }
    }

    @Test
    void aFileLongerThanTheWindowShowsItsLastMinuteAndTheTotalsOfAll() {
        Path capture = TestFiles.corpus("pcaps/arp/na-arpSpoofing.pcap"); // 134 s of packet time
        TreeMap<Long, long[]> reference = Tshark.perSecond(capture);
        assertTrue(reference.lastKey() - reference.firstKey() > 2 * WINDOW, "the file spans more than two windows");
        TrafficStatistics statistics = new TrafficStatistics();
        feed(statistics, capture, 0);
        TrafficSnapshot snapshot = statistics.snapshot();
        long inWindow = reference.tailMap(reference.lastKey() - WINDOW + 1).values().stream().mapToLong(c -> c[0]).sum();
        assertEquals(inWindow, snapshot.windowPackets(), "only the last minute of packet time is in the window");
        assertTrue(snapshot.windowPackets() < snapshot.packets(), "older packets count in the totals only");
    }

    @Test
    void protocolMixCountsEachPacketsProtocolLabelOnce() {
        for (String file : List.of("pcaps/benign/http_espn.pcapng", "pcaps/dns/dns2tcp-tunnel.pcap",
                "pcaps/scan/hs-icmpScan.pcap", "pcaps/arp/hs-arpScan.pcap", "pcaps/malformed/icmpv6.pcap")) {
            Path capture = TestFiles.corpus(file);
            Map<String, Long> reference = new HashMap<>();
            forEachPacket(capture, packet -> reference.merge(packet.protocol().label(), 1L, Long::sum));

            TrafficStatistics statistics = new TrafficStatistics();
            feed(statistics, capture, 0);
            Map<String, Long> mix = statistics.snapshot().protocolPackets();
            assertEquals(reference, mix, file + ": packets per protocol label");
            List<Long> counts = new ArrayList<>(mix.values());
            List<Long> descending = new ArrayList<>(counts);
            descending.sort(Comparator.reverseOrder());
            assertEquals(descending, counts, file + ": most frequent protocol first");
        }
    }

    @Test
    void topTalkersAreTsharksEndpointsWithTheMostBytes() {
        for (String file : List.of("pcaps/flood/pkt.TCP.synflood.spoofed.pcap", "pcaps/benign/http_espn.pcapng",
                "pcaps/malformed/icmpv6.pcap")) {
            Path capture = TestFiles.corpus(file);
            Map<String, long[]> reference = new HashMap<>(Tshark.endpoints(capture, "ip"));
            reference.putAll(Tshark.endpoints(capture, "ipv6"));
            assertTrue(!reference.isEmpty(), file + ": tshark found endpoints");

            TrafficStatistics statistics = new TrafficStatistics();
            feed(statistics, capture, 0);
            Ranked[] top = statistics.snapshot().topTalkers();
            assertEquals(Math.min(TrafficStatistics.TOP, reference.size()), top.length, file + ": ranking length");
            for (Ranked talker : top) {
                long[] expected = reference.get(talker.label());
                assertTrue(expected != null, file + ": tshark knows host " + talker.label());
                assertEquals(expected[0], talker.packets(), file + ": packets of " + talker.label());
                assertEquals(expected[1], talker.bytes(), file + ": bytes of " + talker.label());
            }
            long[] expectedTopBytes = reference.values().stream().mapToLong(c -> c[1]).boxed()
                    .sorted(Comparator.reverseOrder()).limit(top.length).mapToLong(Long::longValue).toArray();
            assertArrayEquals(expectedTopBytes, Arrays.stream(top).mapToLong(Ranked::bytes).toArray(),
                    file + ": the hosts with the most bytes, most first");
        }
    }

    @Test
    void topPortsCountEachTcpAndUdpPacketForItsServicePort() {
        for (String file : List.of("pcaps/scan/synscan.pcapng", "pcaps/scan/UDP_SCAN.pcap",
                "pcaps/benign/http_espn.pcapng", "pcaps/brute/ftp-crack.pcap")) {
            Path capture = TestFiles.corpus(file);
            Map<String, long[]> reference = Tshark.servicePorts(capture);
            List<Map.Entry<String, long[]>> expected = new ArrayList<>(reference.entrySet());
            expected.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                    .thenComparingLong(e -> -e.getValue()[1])
                    .thenComparing(e -> e.getKey().startsWith("udp")) // tcp first
                    .thenComparingInt(e -> Integer.parseInt(e.getKey().substring(4))));

            TrafficStatistics statistics = new TrafficStatistics();
            feed(statistics, capture, 0);
            Ranked[] top = statistics.snapshot().topPorts();
            assertEquals(Math.min(TrafficStatistics.TOP, expected.size()), top.length, file + ": ranking length");
            for (int i = 0; i < top.length; i++) {
                Map.Entry<String, long[]> want = expected.get(i);
                assertEquals(new Ranked(want.getKey(), want.getValue()[0], want.getValue()[1]), top[i],
                        file + ": rank " + (i + 1));
            }
        }
    }

    @Test
    void aBigCaptureAtFullSpeedMatchesAPlainCountOfItsPackets() {
        Path capture = TestFiles.corpus("pcaps/bench/bigmix-350k.pcap"); // 350k packets over 53 minutes
        TreeMap<Long, long[]> perSecond = new TreeMap<>();
        Map<String, long[]> hosts = new HashMap<>();
        long[] totals = new long[2];
        List<PacketSummary> batch = new ArrayList<>(BATCH);
        TrafficStatistics statistics = new TrafficStatistics();
        long[] addNanos = new long[1];
        forEachPacket(capture, packet -> {
            packet.setSequence(totals[0]);
            totals[0]++;
            totals[1] += packet.wireLength();
            long[] second = perSecond.computeIfAbsent(Math.floorDiv(packet.timestampNanos(), 1_000_000_000L),
                    s -> new long[2]);
            second[0]++;
            second[1] += packet.wireLength();
            if (packet.ipVersion() == 4 || packet.ipVersion() == 6) {
                for (String host : new String[] { packet.source(), packet.destination() }) {
                    long[] counts = hosts.computeIfAbsent(host, h -> new long[2]);
                    counts[0]++;
                    counts[1] += packet.wireLength();
                }
            }
            batch.add(packet);
            if (batch.size() == BATCH) {
                addNanos[0] += add(statistics, batch);
            }
        });
        addNanos[0] += add(statistics, batch);
        TrafficSnapshot snapshot = statistics.snapshot();
        long longestSnapshot = 0;
        long snapshotsStart = System.nanoTime();
        for (int i = 0; i < 200; i++) { // what the UI thread pays a tick, holding the statistics' monitor
            long start = System.nanoTime();
            statistics.snapshot();
            longestSnapshot = Math.max(longestSnapshot, System.nanoTime() - start);
        }
        System.out.printf("TrafficStatistics.add: %,d packets in %.1f ms, %.0f ns a packet; %,d hosts; snapshot"
                + " %.0f µs on average, %.0f µs at most%n", totals[0], addNanos[0] / 1e6,
                (double) addNanos[0] / totals[0], hosts.size(), (System.nanoTime() - snapshotsStart) / 200 / 1e3,
                longestSnapshot / 1e3);

        assertEquals(totals[0], snapshot.packets());
        assertEquals(totals[1], snapshot.bytes());
        long newest = perSecond.lastKey();
        assertEquals(newest, snapshot.windowEndSecond());
        for (int i = 0; i < WINDOW; i++) {
            long[] expected = perSecond.getOrDefault(newest - WINDOW + 1 + i, new long[2]);
            assertEquals(expected[0], snapshot.packetsPerSecond()[i], "packets in second " + i + " of the window");
            assertEquals(expected[1], snapshot.bytesPerSecond()[i], "bytes in second " + i + " of the window");
        }
        long[] expectedTopBytes = hosts.values().stream().mapToLong(c -> c[1]).boxed().sorted(Comparator.reverseOrder())
                .limit(TrafficStatistics.TOP).mapToLong(Long::longValue).toArray();
        Ranked[] top = snapshot.topTalkers();
        assertArrayEquals(expectedTopBytes, Arrays.stream(top).mapToLong(Ranked::bytes).toArray());
        for (Ranked talker : top) {
            assertEquals(hosts.get(talker.label())[0], talker.packets(), "packets of " + talker.label());
        }
    }

    @Test
    void clearForgetsEverythingAndIgnoresPacketsPublishedBeforeIt() {
        Path first = TestFiles.corpus("pcaps/scan/synscan.pcapng");
        TrafficStatistics statistics = new TrafficStatistics();
        long firstCount = feed(statistics, first, 0);
        assertEquals(firstCount, statistics.snapshot().packets());

        statistics.clear(firstCount);
        TrafficSnapshot cleared = statistics.snapshot();
        assertEquals(0, cleared.packets());
        assertEquals(TrafficStatistics.NO_PACKETS, cleared.windowEndSecond());
        assertEquals(0, cleared.windowPackets());
        assertTrue(cleared.protocolPackets().isEmpty());
        assertEquals(0, cleared.topTalkers().length);
        assertEquals(0, cleared.topPorts().length);

        // a subscriber queue may still deliver packets published before the clear: they do not count
        feed(statistics, first, 0);
        assertEquals(0, statistics.snapshot().packets(), "packets from before the clear are ignored");

        // packets the ring let go before they were read: only those published since the clear are missed
        statistics.addNotCounted(firstCount - 5, firstCount + 3);
        assertEquals(3, statistics.snapshot().notCounted(), "lost packets from before the clear do not matter");

        Path second = TestFiles.corpus("pcaps/scan/UDP_SCAN.pcap");
        long secondCount = feed(statistics, second, firstCount);
        TrafficSnapshot after = statistics.snapshot();
        assertEquals(secondCount, after.packets(), "packets after the clear count");
        assertEquals(Tshark.perSecond(second).lastKey(), after.windowEndSecond(), "the window restarts with them");
    }

    /** Adds the file's packets in stream-sized batches, numbered from {@code firstSequence}; returns how many. */
    private static long feed(TrafficStatistics statistics, Path capture, long firstSequence) {
        List<PacketSummary> batch = new ArrayList<>(BATCH);
        long[] sequence = { firstSequence };
        forEachPacket(capture, packet -> {
            packet.setSequence(sequence[0]++);
            batch.add(packet);
            if (batch.size() == BATCH) {
                add(statistics, batch);
            }
        });
        add(statistics, batch);
        return sequence[0] - firstSequence;
    }

    /** Adds and empties the batch; returns the nanoseconds the statistics took. */
    private static long add(TrafficStatistics statistics, List<PacketSummary> batch) {
        PacketSummary[] packets = batch.toArray(new PacketSummary[0]);
        long start = System.nanoTime();
        statistics.add(packets, packets.length);
        long nanos = System.nanoTime() - start;
        batch.clear();
        return nanos;
    }

    private interface PacketConsumer {
        void accept(PacketSummary packet);
    }

    private static void forEachPacket(Path capture, PacketConsumer consumer) {
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            for (PacketSummary packet = reader.next(); packet != null; packet = reader.next()) {
                consumer.accept(packet);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(capture + ": " + e.getMessage(), e);
        }
    }
}
