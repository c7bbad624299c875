package org.osprey.core.tests.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.osprey.core.PacketSummary;
import org.osprey.core.SummaryDecoder;
import org.osprey.core.detail.DetailNode;
import org.osprey.core.detail.HexDump;
import org.osprey.core.detail.PacketDetails;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureFormatException;
import org.osprey.core.io.CaptureReader;

/**
 * The 415 captures of a decoder regression suite (truncated, corrupt, exotic link types) each read to the end or to
 * a clear CaptureFormatException within a time bound, and every packet read survives the summary decoder, its text
 * forms, the full detail decode and the hex dump.
 */
class MalformedCorpusTest {

    private static final Duration TIME_BOUND = Duration.ofSeconds(10);

    static List<Path> malformedCaptures() {
        return CorpusFiles.malformedCaptures();
    }

    @ParameterizedTest
    @MethodSource("malformedCaptures")
    void readsToTheEndOrAClearError(Path file) {
        Capinfos.Info reference = Capinfos.of(file);
        Outcome outcome = assertTimeoutPreemptively(TIME_BOUND, () -> readAndDecodeAll(file));
        if (reference.exitCode() == 0) {
            // capinfos read the whole file without error: so must we, with the same count
            assertEquals(null, outcome.error(), "capinfos reads " + file + " without error");
            assertEquals(reference.packets(), outcome.packets(), "packet count of " + file);
        }
    }

    /** How far reading went: the packets read, and the error that stopped it early (null when it reached the end). */
    record Outcome(long packets, String error) {
    }

    /** Only a CaptureFormatException may stop the reading early. */
    private static Outcome readAndDecodeAll(Path file) throws Exception {
        long count = 0;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            PacketSummary p;
            while (true) {
                try {
                    p = reader.next();
                } catch (CaptureFormatException e) {
                    assertTrue(e.getMessage().startsWith(file.toString()), "message names the file: " + e.getMessage());
                    assertTrue(e.offset() >= 0 && e.offset() <= reader.size(), "offset inside the file");
                    return new Outcome(count, e.getMessage());
                }
                if (p == null) {
                    return new Outcome(count, null);
                }
                count++;
                decodeEverything(p);
            }
        } catch (CaptureFormatException e) {
            // the header already is broken: a clear message is all we owe
            assertTrue(e.getMessage().startsWith(file.toString()), "message names the file: " + e.getMessage());
            return new Outcome(0, e.getMessage());
        }
    }

    private static void decodeEverything(PacketSummary p) {
        SummaryDecoder.decode(p);
        assertNotNull(p.source());
        assertNotNull(p.destination());
        assertNotNull(p.info());
        p.communityId();
        List<DetailNode> details = PacketDetails.decode(p);
        assertFalse(details.isEmpty());
        for (DetailNode node : details) {
            checkInsideFrame(node, p.capturedLength());
        }
        String hex = HexDump.format(p.frame(), p.capturedLength());
        assertEquals((p.capturedLength() + 15) / 16, hex.lines().count(), "one hex line per 16 bytes");
    }

    private static void checkInsideFrame(DetailNode node, int capturedLength) {
        if (node.offset() >= 0) {
            assertTrue(node.offset() + node.length() <= capturedLength,
                    "node '" + node.label() + "' covers bytes outside the frame");
        } else {
            assertEquals(0, node.length());
        }
        for (DetailNode child : node.children()) {
            checkInsideFrame(child, capturedLength);
        }
    }
}
