package org.osprey.core.tests.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osprey.core.PacketSummary;
import org.osprey.core.Protocol;
import org.osprey.core.SummaryDecoder;
import org.osprey.core.tests.decode.CaptureRecords.Frame;

/**
 * The decoder never throws and says when it stopped early: real frames cut at every length, random and mutated bytes
 * for every link type, and the whole malformed corpus. Each frame is copied to exactly its captured length, so a
 * read past the captured bytes would throw here.
 */
class SummaryDecoderRobustnessTest {

    private static final int[] LINK_TYPES = { SummaryDecoder.LINKTYPE_NULL, SummaryDecoder.LINKTYPE_ETHERNET,
            SummaryDecoder.LINKTYPE_RAW_ALT_12, SummaryDecoder.LINKTYPE_RAW_ALT_14, SummaryDecoder.LINKTYPE_RAW,
            SummaryDecoder.LINKTYPE_LOOP, SummaryDecoder.LINKTYPE_LINUX_SLL, SummaryDecoder.LINKTYPE_IPV4,
            SummaryDecoder.LINKTYPE_IPV6, SummaryDecoder.LINKTYPE_LINUX_SLL2, 147 /* a user link type */ };

    /**
     * Real frames of many kinds (one per distinct protocol stack the decoder reaches, over the labelled corpus and
     * the benchmark mix), cut at every length from 0 to their full size.
     */
    @Test
    void everyTruncationOfRealFramesDecodesAsFarAsItGoes() throws IOException {
        List<Frame> frames = distinctRealFrames();
        assertTrue(frames.size() >= 20, "too few distinct frames to make this test mean something: " + frames.size());
        int cuts = 0;
        for (Frame frame : frames) {
            PacketSummary full = decode(frame.data(), frame.linkType());
            int headersEnd = full.payloadOffset() >= 0 ? full.payloadOffset() + full.payloadLength() : -1;
            for (int length = 0; length < frame.data().length; length++) {
                byte[] cut = Arrays.copyOf(frame.data(), length);
                PacketSummary p = decodeSafely(cut, frame.linkType(), frame.wireLength());
                cuts++;
                String where = "frame " + frame.index() + " (" + full.protocol() + ") cut to " + length + " bytes";
                if (length < headersEnd) {
                    assertTrue(p.hasFlag(PacketSummary.FLAG_TRUNCATED), where + ": not flagged truncated");
                }
                if (!full.hasFlag(PacketSummary.FLAG_MALFORMED)) {
                    assertTrue(!p.hasFlag(PacketSummary.FLAG_MALFORMED), where + ": a cut is not a malformation");
                }
                assertConsistentWithFull(full, p, where);
                assertTextWorks(p, where);
            }
        }
        System.out.printf("%d frames cut at every length: %d decodes%n", frames.size(), cuts);
    }

    /** What a cut frame decodes to is what the whole frame decodes to, or absent: a cut never invents values. */
    private static void assertConsistentWithFull(PacketSummary full, PacketSummary p, String where) {
        if (p.ipVersion() != 0) {
            assertEquals(full.ipVersion(), p.ipVersion(), where);
            assertEquals(full.source(), p.source(), where);
            assertEquals(full.destination(), p.destination(), where);
        }
        if (p.ipProtocol() >= 0) {
            assertEquals(full.ipProtocol(), p.ipProtocol(), where);
        }
        if (p.srcPort() >= 0) {
            assertEquals(full.srcPort(), p.srcPort(), where);
            assertEquals(full.dstPort(), p.dstPort(), where);
        }
        if (p.tcpFlags() >= 0) {
            assertEquals(full.tcpFlags(), p.tcpFlags(), where);
        }
        if (p.icmpType() >= 0) {
            assertEquals(full.icmpType(), p.icmpType(), where);
        }
        if (p.dnsQueryName() != null) {
            assertEquals(full.dnsQueryName(), p.dnsQueryName(), where);
        }
        if (p.protocol() != Protocol.UNKNOWN) {
            assertTrue(p.protocol().ordinal() <= full.protocol().ordinal(), where
                    + ": cut decodes to " + p.protocol() + ", whole frame to " + full.protocol());
        }
    }

    /** One frame per distinct (link type, protocol, IP protocol, VLAN?, flags) found, from every labelled capture and
     * every 50th frame of the benchmark mix. */
    private static List<Frame> distinctRealFrames() throws IOException {
        Map<String, Frame> byKind = new HashMap<>();
        List<Path> captures = new ArrayList<>(Corpus.labelledCaptures());
        captures.add(Corpus.bigmix());
        for (Path capture : captures) {
            List<Frame> frames = CaptureRecords.read(capture);
            int step = capture.equals(Corpus.bigmix()) ? 50 : 1;
            for (int i = 0; i < frames.size(); i += step) {
                Frame frame = frames.get(i);
                PacketSummary p = decode(frame.data(), frame.linkType());
                String kind = frame.linkType() + "/" + p.protocol() + "/" + p.ipProtocol() + "/" + (p.vlanId() >= 0)
                        + "/" + p.flags() + "/" + (p.dnsQueryName() != null);
                byKind.putIfAbsent(kind, frame);
            }
        }
        return new ArrayList<>(byKind.values());
    }

    /** Random bytes of random length (0 to 300) for every link type, seeded so a failure can be replayed. */
    @ParameterizedTest
    @ValueSource(longs = { 1, 2, 3 })
    void randomBytesNeverThrow(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int linkType : LINK_TYPES) {
            for (int i = 0; i < 20_000; i++) {
                byte[] frame = new byte[random.nextInt(301)];
                random.nextBytes(frame);
                // bias the first bytes toward values that reach deeper layers
                if (frame.length > 0 && random.nextBoolean()) {
                    frame[0] = (byte) (random.nextBoolean() ? 0x45 : 0x60);
                }
                PacketSummary p = decodeSafely(frame, linkType, frame.length);
                assertInvariants(p, linkType, "seed " + seed + " link " + linkType + " frame "
                        + HexFormat.of().formatHex(frame));
            }
        }
    }

    /**
     * Real frames with random bytes overwritten (1 to 8 of them, anywhere): these pass the first checks and then meet
     * nonsense deep inside (bad lengths, pointer loops in DNS names, impossible header lengths).
     */
    @Test
    void mutatedRealFramesNeverThrow() throws IOException {
        List<Frame> frames = distinctRealFrames();
        SplittableRandom random = new SplittableRandom(42);
        int decodes = 0;
        for (Frame frame : frames) {
            for (int i = 0; i < 2_000; i++) {
                byte[] mutated = frame.data().clone();
                for (int m = 1 + random.nextInt(8); m > 0 && mutated.length > 0; m--) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
                PacketSummary p = decodeSafely(mutated, frame.linkType(), frame.wireLength());
                assertInvariants(p, frame.linkType(), "mutation " + i + " of frame " + frame.index() + ": "
                        + HexFormat.of().formatHex(mutated));
                decodes++;
            }
        }
        System.out.printf("%d mutated frames decoded%n", decodes);
    }

    /** Every packet of the malformed corpus (truncated, corrupt, exotic link types) decodes without throwing. */
    @Test
    void malformedCorpusNeverThrows() throws IOException {
        List<Path> captures = Corpus.malformedCaptures();
        assertTrue(captures.size() > 100, "the malformed corpus is missing: " + captures.size() + " files");
        int packets = 0, flagged = 0;
        for (Path capture : captures) {
            List<Frame> frames;
            try {
                frames = CaptureRecords.readUntilDamage(capture);
            } catch (IOException e) {
                continue; // not a capture file the reader accepts at all: nothing for the decoder to see
            }
            for (Frame frame : frames) {
                PacketSummary p = decodeSafely(frame.data(), frame.linkType(), frame.wireLength());
                assertInvariants(p, frame.linkType(), capture.getFileName() + " frame " + frame.index());
                packets++;
                if (p.flags() != 0) {
                    flagged++;
                }
            }
        }
        assertTrue(packets > 1000, "only " + packets + " packets read from the malformed corpus");
        System.out.printf("malformed corpus: %d packets decoded, %d flagged%n", packets, flagged);
    }

    private static void assertInvariants(PacketSummary p, int linkType, String where) {
        assertNotNull(p.protocol(), where);
        boolean known = Arrays.stream(LINK_TYPES).limit(LINK_TYPES.length - 1).anyMatch(t -> t == linkType);
        assertEquals(!known, p.hasFlag(PacketSummary.FLAG_UNKNOWN_LINK), where + ": unknown-link flag");
        if (!known) {
            assertEquals(Protocol.UNKNOWN, p.protocol(), where);
        }
        if (p.payloadOffset() >= 0) {
            assertTrue(p.payloadLength() >= 0 && p.payloadOffset() + p.payloadLength() <= p.capturedLength(),
                    where + ": payload outside the frame");
        }
        if (p.srcPort() != PacketSummary.ABSENT) {
            assertTrue(p.srcPort() <= 0xffff && p.dstPort() >= 0 && p.dstPort() <= 0xffff, where);
        }
        if (p.dnsQueryName() != null) {
            assertTrue(p.dnsQueryName().length() <= 255, where + ": DNS name longer than DNS allows");
        }
        if (p.protocol() == Protocol.UNKNOWN && known && p.capturedLength() == 0) {
            assertTrue(p.hasFlag(PacketSummary.FLAG_TRUNCATED), where + ": an empty frame is truncated");
        }
        assertTextWorks(p, where);
    }

    private static void assertTextWorks(PacketSummary p, String where) {
        try {
            assertNotNull(p.info(), where);
            assertNotNull(p.source(), where);
            assertNotNull(p.destination(), where);
            p.communityId();
        } catch (RuntimeException e) {
            fail(where + ": text threw " + e, e);
        }
    }

    private static PacketSummary decode(byte[] frame, int linkType) {
        return decodeSafely(frame, linkType, frame.length);
    }

    private static PacketSummary decodeSafely(byte[] frame, int linkType, int wireLength) {
        try {
            return SummaryDecoder.decode(frame, linkType, 0, Math.max(wireLength, frame.length));
        } catch (RuntimeException e) {
            return fail("decoder threw " + e + " on link type " + linkType + " frame " + HexFormat.of().formatHex(frame), e);
        }
    }
}
