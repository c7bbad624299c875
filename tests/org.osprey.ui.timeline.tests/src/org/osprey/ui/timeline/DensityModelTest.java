package org.osprey.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;
import org.osprey.stream.PacketStream;
import org.osprey.testing.TestFiles;
import org.osprey.ui.timeline.internal.DensityModel;

/**
 * The density model without any widget: real captures from the corpus counted per bucket, compared with counts made
 * from tshark's packet times.
 */
class DensityModelTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;

    @ParameterizedTest
    @ValueSource(strings = { "pcaps/scan/synscan.pcapng", "pcaps/benign/http_espn.pcapng",
            "pcaps/scan/TCP_SYN_SCAN.pcap", "pcaps/brute/ftp-crack.pcap" })
    void countsPerBucketAreTsharksCountsAtEveryWidth(String file) throws IOException {
        Path capture = TestFiles.corpus(file);
        long[] times = Tshark.epochNanos(capture);
        DensityModel model = new DensityModel(0);
        int published = feed(model, capture, 0);
        assertEquals(times.length, published, "our reader and tshark see the same packets");
        assertEquals(times.length, model.packetsTaken());

        for (long width : new long[] { MS, 7 * MS, 100 * MS, S, 60 * S }) {
            long first = Math.floorDiv(Arrays.stream(times).min().orElseThrow(), width) * width;
            long last = Arrays.stream(times).max().orElseThrow();
            int buckets = (int) ((last - first) / width + 1);
            int[] counts = new int[buckets];
            model.density(first, width, counts, Long.MAX_VALUE);
            assertArrayEquals(Reference.counts(times, first, width, buckets), counts, file + " at width " + width);
            assertEquals(times.length, Reference.sum(counts));
        }
    }

    @Test
    void theClickedMomentsPacketsAreExactlyThoseOfItsTime() throws IOException {
        Path capture = TestFiles.corpus("pcaps/benign/http_espn.pcapng");
        long[] times = Tshark.epochNanos(capture);
        long firstSequence = 1000;
        DensityModel model = new DensityModel(firstSequence);
        feed(model, capture, firstSequence);
        Map<Long, Long> timeOf = timesBySequence(times, firstSequence);

        long width = 10 * MS;
        long first = Math.floorDiv(times[0], width) * width;
        int checked = 0;
        for (long from = first; from <= times[times.length - 1]; from += width) {
            long[] expected = Reference.sequencesBetween(times, firstSequence, from, from + width);
            long[] selected = model.sequencesIn(from, from + width, Long.MAX_VALUE,
                    sequence -> timeOf.getOrDefault(sequence, DensityModel.UNKNOWN_TIME));
            assertArrayEquals(expected, selected, "moment starting at " + from);
            checked += expected.length > 0 ? 1 : 0;
        }
        assertTrue(checked > 10, "moments with packets were compared: " + checked);
    }

    @Test
    void packetTimeGoingBackwardsCountsInItsOwnMomentAndIsSelectedWithIt() {
        // times in ms: a packet at 5.5 ms arrives between packets at 12 ms (a clock step, merged interfaces)
        long[] times = { 10 * MS, 10 * MS + 500, 12 * MS, 5 * MS + MS / 2, 12 * MS + 100, 30 * MS, 5 * MS };
        DensityModel model = new DensityModel(0);
        for (int i = 0; i < times.length; i++) {
            model.add(i, times[i]);
        }
        int[] counts = new int[30];
        model.density(0, MS, counts, Long.MAX_VALUE);
        assertArrayEquals(Reference.counts(times, 0, MS, 30), counts);
        Map<Long, Long> timeOf = timesBySequence(times, 0);
        // 5 ms bucket holds sequences 3 and 6 only; the 10..15 ms moment holds 0, 1, 2, 4 (3 lies between, elsewhere)
        assertArrayEquals(new long[] { 3, 6 }, model.sequencesIn(5 * MS, 6 * MS, Long.MAX_VALUE, timeOf::get));
        assertArrayEquals(new long[] { 0, 1, 2, 4 },
                model.sequencesIn(10 * MS, 15 * MS, Long.MAX_VALUE, timeOf::get));
        assertEquals(30 * MS, model.newestNanos());
        assertEquals(5 * MS, model.oldestNanos());
    }

    @Test
    void packetsTheRingEvictedAreNoLongerCounted() throws IOException {
        Path capture = TestFiles.corpus("pcaps/scan/synscan.pcapng");
        long[] times = Tshark.epochNanos(capture);
        DensityModel model = new DensityModel(0);
        feed(model, capture, 0);
        int evicted = times.length / 3;
        model.retainFrom(evicted);

        long width = 50 * MS;
        long first = Math.floorDiv(times[0], width) * width;
        int buckets = (int) ((times[times.length - 1] - first) / width + 1);
        int[] counts = new int[buckets];
        model.density(first, width, counts, Long.MAX_VALUE);
        long[] kept = Arrays.copyOfRange(times, evicted, times.length);
        assertArrayEquals(Reference.counts(kept, first, width, buckets), counts);
        assertEquals(kept.length, Reference.sum(counts));
        assertTrue(model.oldestNanos() <= kept[0] && kept[0] - model.oldestNanos() < MS,
                "the oldest time held is that of the oldest packet kept, to the millisecond");
    }

    @Test
    void aSequenceLimitCountsOnlyThePacketsBeforeIt() throws IOException {
        Path capture = TestFiles.corpus("pcaps/scan/synscan.pcapng");
        long[] times = Tshark.epochNanos(capture);
        DensityModel model = new DensityModel(0);
        feed(model, capture, 0);
        int limit = times.length / 2 + 17;

        long width = 20 * MS;
        long first = Math.floorDiv(times[0], width) * width;
        int buckets = (int) ((times[times.length - 1] - first) / width + 1);
        int[] counts = new int[buckets];
        model.density(first, width, counts, limit);
        assertArrayEquals(Reference.counts(Arrays.copyOf(times, limit), first, width, buckets), counts);
    }

    @Test
    void clearForgetsEverythingAndIgnoresPacketsFromBeforeIt() {
        DensityModel model = new DensityModel(0);
        model.add(0, 5 * S);
        model.add(1, 6 * S);
        model.clear(10);
        assertTrue(model.isEmpty());
        assertEquals(DensityModel.NO_TIME, model.newestNanos());
        model.add(2, 7 * S); // published before the clear, delivered after it
        assertTrue(model.isEmpty(), "a packet from before the clear is not counted");
        model.add(10, 9 * S);
        int[] counts = new int[3];
        model.density(7 * S, S, counts, Long.MAX_VALUE);
        assertArrayEquals(new int[] { 0, 0, 1 }, counts);
    }

    @Test
    void bucketsMustBeAlignedToTheFineWidth() {
        DensityModel model = new DensityModel(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.density(1, MS, new int[3], Long.MAX_VALUE));
        assertTrue(e.getMessage().contains("aligned"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.density(0, MS + 1, new int[3], Long.MAX_VALUE));
    }

    @Test
    void catchUpCountsWhatTheRealStreamServiceHolds() throws IOException {
        PacketStream stream = streamService();
        stream.clear();
        long firstSequence = stream.nextSequence();
        DensityModel model = new DensityModel(stream.oldestSequence());
        Path capture = TestFiles.corpus("pcaps/brute/ftp-crack.pcap");
        long[] times = Tshark.epochNanos(capture);
        int published = 0;
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            for (PacketSummary packet = reader.next(); packet != null; packet = reader.next()) {
                stream.publish(packet);
                if (++published % 5_000 == 0) {
                    model.catchUp(stream); // now and then, as the subscription's wake-ups do
                }
            }
        }
        long start = System.nanoTime();
        model.catchUp(stream);
        long nanos = System.nanoTime() - start;
        int held = (int) Math.min(times.length, stream.ringCapacity());
        long[] heldTimes = Arrays.copyOfRange(times, times.length - held, times.length);
        assertEquals(firstSequence + times.length, model.nextSequence());

        long width = S;
        long first = Math.floorDiv(Arrays.stream(heldTimes).min().orElseThrow(), width) * width;
        int buckets = (int) ((Arrays.stream(heldTimes).max().orElseThrow() - first) / width + 1);
        int[] counts = new int[buckets];
        model.density(first, width, counts, Long.MAX_VALUE);
        assertArrayEquals(Reference.counts(heldTimes, first, width, buckets), counts);
        System.out.printf("timeline density model: %,d packets (%,d held by the ring) in %,d fine buckets;"
                + " last catch-up of %,d packets took %.1f ms%n", times.length, held, model.fineBucketCount(),
                times.length % 5_000, nanos / 1e6);
        stream.clear();
    }

    @Test
    void countingCostsLittlePerPacket() throws IOException {
        // a load figure, printed (not asserted: the machine is shared); the assertion is that the counts are right
        Path capture = TestFiles.corpus("pcaps/bench/bigmix-350k.pcap");
        long[] sequencesTimes;
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            long[] collected = new long[400_000];
            int n = 0;
            for (PacketSummary packet = reader.next(); packet != null; packet = reader.next()) {
                collected[n++] = packet.timestampNanos();
            }
            sequencesTimes = Arrays.copyOf(collected, n);
        }
        long best = Long.MAX_VALUE;
        DensityModel model = null;
        for (int round = 0; round < 5; round++) {
            model = new DensityModel(0);
            long start = System.nanoTime();
            for (int i = 0; i < sequencesTimes.length; i++) {
                model.add(i, sequencesTimes[i]);
            }
            best = Math.min(best, System.nanoTime() - start);
        }
        assertEquals(sequencesTimes.length, model.packetsTaken());
        System.out.printf("timeline density model: add() of %,d packets: %.1f ns a packet (best of 5), %,d fine"
                + " buckets%n", sequencesTimes.length, (double) best / sequencesTimes.length, model.fineBucketCount());
    }

    /** Feeds every packet of the capture with sequence numbers from {@code firstSequence}; returns how many. */
    private static int feed(DensityModel model, Path capture, long firstSequence) throws IOException {
        int count = 0;
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            for (PacketSummary packet = reader.next(); packet != null; packet = reader.next()) {
                model.add(firstSequence + count++, packet.timestampNanos());
            }
        }
        return count;
    }

    private static Map<Long, Long> timesBySequence(long[] times, long firstSequence) {
        Map<Long, Long> timeOf = new HashMap<>();
        for (int i = 0; i < times.length; i++) {
            timeOf.put(firstSequence + i, times[i]);
        }
        return timeOf;
    }

    static PacketStream streamService() {
        BundleContext context = FrameworkUtil.getBundle(DensityModelTest.class).getBundleContext();
        ServiceReference<PacketStream> reference = context.getServiceReference(PacketStream.class);
        assertTrue(reference != null, "the PacketStream DS service is registered");
        return context.getService(reference);
    }
}
