package org.osprey.capture.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.capture.CaptureException;
import org.osprey.capture.CaptureSource;
import org.osprey.capture.CaptureSources;
import org.osprey.capture.CaptureState;
import org.osprey.capture.ReplayOptions;
import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureFormatException;
import org.osprey.core.io.CaptureReader;
import org.osprey.stream.PacketStream;

/** Replays of real corpus captures into the stream service. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReplayTest {

    private CaptureSources sources;
    private PacketStream stream;

    @BeforeEach
    void services() throws Exception {
        sources = Services.captureSources();
        stream = Services.stream();
    }

    @Test
    void aPcapReplayedAsFastAsPossiblePublishesEveryPacketOfTheFileUnchanged() throws Exception {
        Path file = Corpus.capture("brute/ftp-crack.pcap");
        List<PacketSummary> expected = Corpus.packets(file);
        List<PacketSummary> replayed = replay(ReplayOptions.of(file).asFastAsPossible().build(), CaptureState.FINISHED);
        assertEquals(expected.size(), replayed.size());
        for (int i = 0; i < expected.size(); i++) {
            PacketSummary want = expected.get(i), got = replayed.get(i);
            assertEquals(want.timestampNanos(), got.timestampNanos(), "recorded timestamps are kept, packet " + i);
            assertEquals(want.wireLength(), got.wireLength());
            assertArrayEquals(want.frame(), got.frame(), "packet " + i);
            assertEquals(want.info(), got.info(), "decoded like the file reader decodes, packet " + i);
        }
    }

    @Test
    void aPcapngReplayedAtTenTimesSpeedTakesAboutATenthOfTheRecordedDurationWithRebasedTimes() throws Exception {
        Path file = Corpus.capture("scan/synscan.pcapng");
        List<PacketSummary> expected = Corpus.packets(file);
        long recorded = expected.get(expected.size() - 1).timestampNanos() - expected.get(0).timestampNanos();
        CaptureSource replay = sources.replay(ReplayOptions.of(file).speed(10)
                .timestamps(ReplayOptions.Timestamps.REBASED).build(), stream);
        long mark = Services.mark(stream);
        long started = System.nanoTime();
        replay.start();
        assertTrue(replay.awaitTermination(60, TimeUnit.SECONDS), "replay ends");
        long took = System.nanoTime() - started;
        assertEquals(CaptureState.FINISHED, replay.state());
        List<PacketSummary> replayed = Services.since(stream, mark);
        assertEquals(expected.size(), replayed.size());
        assertEquals(expected.size(), replay.counters().captured());
        // rebased timestamps are the times of publishing: they span the paced replay, not the recording
        long span = replayed.get(replayed.size() - 1).timestampNanos() - replayed.get(0).timestampNanos();
        assertTrue(span >= recorded / 10 * 9 / 10 && span <= took, "rebased span " + span / 1_000_000 + " ms");
        // behaviour, not a benchmark: paced, so never faster than a tenth of the recording (minus a little slack)
        assertTrue(took >= recorded / 10 * 9 / 10, "took " + took / 1_000_000 + " ms for a recording of "
                + recorded / 1_000_000 + " ms at 10x");
        // and far from the recorded pace (generous: a loaded machine may be slow)
        assertTrue(took < recorded / 2, "took " + took / 1_000_000 + " ms");
    }

    @Test
    void repetitionsReplayTheFileAgainAndLoopGoesOnUntilStopped() throws Exception {
        Path file = Corpus.capture("scan/NULL_SCAN.pcap");
        int count = Corpus.packets(file).size();
        List<PacketSummary> three = replay(ReplayOptions.of(file).asFastAsPossible().repetitions(3).build(),
                CaptureState.FINISHED);
        assertEquals(3 * count, three.size());
        for (int i = 0; i < count; i++) {
            assertArrayEquals(three.get(i).frame(), three.get(i + 2 * count).frame(), "third pass repeats packet " + i);
        }

        CaptureSource loop = sources.replay(ReplayOptions.of(file).asFastAsPossible().loop().build(), stream);
        loop.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (loop.counters().captured() < 5L * count && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(CaptureState.RUNNING, loop.state(), "a loop does not end by itself");
            assertTrue(loop.counters().captured() >= 5L * count, "looped at least 5 times");
        } finally {
            loop.stop();
        }
        assertEquals(CaptureState.STOPPED, loop.state());
    }

    @Test
    void rebasedTimestampsAreTheTimeOfReplayKeepingTheOrder() throws Exception {
        Path file = Corpus.capture("creds/telnet.pcap");
        long before = Services.epochNanos();
        List<PacketSummary> replayed = replay(ReplayOptions.of(file).asFastAsPossible()
                .timestamps(ReplayOptions.Timestamps.REBASED).build(), CaptureState.FINISHED);
        long after = Services.epochNanos();
        List<PacketSummary> expected = Corpus.packets(file);
        assertEquals(expected.size(), replayed.size());
        for (int i = 0; i < replayed.size(); i++) {
            long t = replayed.get(i).timestampNanos();
            assertTrue(t >= before && t <= after, "packet " + i + " at " + Instant.ofEpochSecond(0, t));
            assertTrue(i == 0 || t >= replayed.get(i - 1).timestampNanos());
            assertEquals(expected.get(i).info(), replayed.get(i).info(), "decoded, packet " + i);
        }
    }

    @Test
    void aFileBrokenPartWayFailsWithTheReadersMessageAndKeepsWhatWasRead(@TempDir Path dir) throws Exception {
        // a corpus capture cut in the middle of a record, the way an interrupted download leaves it
        Path whole = Corpus.capture("scan/TCP_SYN_SCAN.pcap");
        Path cut = dir.resolve("cut.pcap");
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 3 / 5 + 7));
        int readable = readableBefore(cut);
        assertTrue(readable > 100, "the cut file still holds packets");

        CaptureSource replay = sources.replay(ReplayOptions.of(cut).asFastAsPossible().build(), stream);
        long mark = Services.mark(stream);
        replay.start();
        assertTrue(replay.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(CaptureState.FAILED, replay.state());
        CaptureException failure = replay.failure();
        assertEquals(CaptureException.Reason.BAD_FILE, failure.reason());
        assertTrue(failure.getMessage().contains("cut.pcap"), failure.getMessage());
        assertTrue(failure.getMessage().contains("ends in the middle of a record"), failure.getMessage());
        assertTrue(failure.getMessage().contains("the packets before this point were replayed"), failure.getMessage());
        assertEquals(readable, Services.since(stream, mark).size(), "everything before the break stays published");
        assertEquals(readable, replay.counters().captured());
    }

    @Test
    void packetsTheDecoderFindsMalformedArePublishedAndCounted() throws Exception {
        Path file = Corpus.capture("malformed/ipv6-bad-version.pcap");
        List<PacketSummary> expected = Corpus.packets(file);
        long malformed = expected.stream().filter(p -> p.hasFlag(PacketSummary.FLAG_MALFORMED)).count();
        assertTrue(malformed > 0);
        CaptureSource replay = sources.replay(ReplayOptions.of(file).asFastAsPossible().build(), stream);
        long mark = Services.mark(stream);
        replay.start();
        assertTrue(replay.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(CaptureState.FINISHED, replay.state());
        assertEquals(expected.size(), Services.since(stream, mark).size());
        assertEquals(malformed, replay.counters().decodeErrors());
    }

    @Test
    void aMissingFileOrANonCaptureFileIsRefusedAtStart(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nothing-here.pcap");
        CaptureException e = assertThrows(CaptureException.class,
                () -> sources.replay(ReplayOptions.of(missing).build(), stream).start());
        assertEquals(CaptureException.Reason.BAD_FILE, e.reason());
        assertTrue(e.getMessage().contains("nothing-here.pcap") && e.getMessage().contains("no such file"),
                e.getMessage());

        Path text = dir.resolve("notes.pcap");
        Files.writeString(text, "these are my notes, not packets\n");
        CaptureSource replay = sources.replay(ReplayOptions.of(text).build(), stream);
        e = assertThrows(CaptureException.class, replay::start);
        assertEquals(CaptureException.Reason.BAD_FILE, e.reason());
        assertTrue(e.getMessage().contains("not a capture file"), e.getMessage());
        assertEquals(CaptureState.FAILED, replay.state());
    }

    @Test
    void linkTypesAndDescriptionSayWhatIsReplayed() throws Exception {
        Path file = Corpus.capture("benign/http_espn.pcapng");
        CaptureSource replay = sources.replay(ReplayOptions.of(file).speed(2.5).loop().build(), stream);
        replay.start();
        try {
            assertEquals(List.of(1), replay.linkTypes());
            assertTrue(replay.description().contains("http_espn.pcapng"), replay.description());
            assertTrue(replay.description().contains("2.5x"), replay.description());
            assertTrue(replay.description().contains("looping"), replay.description());
        } finally {
            replay.stop();
        }
        assertEquals(CaptureState.STOPPED, replay.state());
        assertNull(replay.failure());
    }

    private List<PacketSummary> replay(ReplayOptions options, CaptureState expectedEnd) throws Exception {
        CaptureSource replay = sources.replay(options, stream);
        long mark = Services.mark(stream);
        replay.start();
        assertTrue(replay.awaitTermination(60, TimeUnit.SECONDS), "replay ends");
        assertEquals(expectedEnd, replay.state(), () -> String.valueOf(replay.failure()));
        return Services.since(stream, mark);
    }

    private static int readableBefore(Path file) throws IOException {
        int n = 0;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            while (reader.next() != null) {
                n++;
            }
        } catch (CaptureFormatException expected) {
            return n;
        }
        throw new AssertionError(file + " was expected to break part-way");
    }
}
