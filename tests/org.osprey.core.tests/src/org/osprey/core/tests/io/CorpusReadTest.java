package org.osprey.core.tests.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.osprey.core.PacketSummary;
import org.osprey.core.Protocol;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureFormat;
import org.osprey.core.io.CaptureReader;

/** Every well-formed corpus capture reads completely, agreeing with capinfos on count and time span. */
class CorpusReadTest {

    static List<Path> wellFormedCaptures() {
        return CorpusFiles.wellFormedCaptures();
    }

    @ParameterizedTest
    @MethodSource("wellFormedCaptures")
    void readsLikeCapinfos(Path file) throws IOException {
        Capinfos.Info expected = Capinfos.of(file);
        assertEquals(0, expected.exitCode(), "capinfos failed on a well-formed capture:\n" + expected.output());

        long count = 0;
        long earliest = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            assertEquals(expected.fileType().startsWith("pcapng") ? CaptureFormat.PCAPNG : CaptureFormat.PCAP,
                    reader.format());
            long lastPosition = 0;
            PacketSummary p;
            while ((p = reader.next()) != null) {
                count++;
                earliest = Math.min(earliest, p.timestampNanos());
                latest = Math.max(latest, p.timestampNanos());
                assertNotNull(p.frame());
                assertEquals(p.capturedLength(), p.frame().length, "frame holds exactly the captured bytes");
                assertTrue(p.wireLength() >= p.capturedLength(), "wire length below captured length in packet " + count);
                assertEquals(reader.interfaces().get(p.interfaceId()).linkType(), p.linkType());
                assertTrue(reader.position() > lastPosition, "position advances");
                lastPosition = reader.position();
            }
            assertEquals(reader.size(), reader.position(), "the whole file was consumed");
            assertEquals(null, reader.next(), "end stays the end");
        }
        assertEquals(expected.packets(), count, "packet count of " + file);
        if (count > 0) {
            // capinfos -a/-e are the earliest and latest timestamps, not the first and last record
            assertTrue(expected.earliest().indexOf('.') > 0 && expected.earliest().length()
                    - expected.earliest().indexOf('.') > 6, "capinfos prints at least microseconds");
            assertEquals(expected.earliest(), Capinfos.format(earliest, expected.earliest()), "earliest time");
            assertEquals(expected.latest(), Capinfos.format(latest, expected.latest()), "latest time");
        }
    }

    @Test
    void openingWithoutDecodingKeepsTheRecordsAndSkipsTheSummaryDecoder() throws IOException {
        Path file = CorpusFiles.pcap("benign/http_espn.pcapng");
        try (CaptureReader decoded = CaptureFiles.open(file); CaptureReader raw = CaptureFiles.open(file, false)) {
            long count = 0;
            for (PacketSummary d = decoded.next(), r = raw.next(); d != null || r != null;
                    d = decoded.next(), r = raw.next()) {
                count++;
                assertNotNull(d, "same count");
                assertNotNull(r, "same count");
                assertArrayEquals(d.frame(), r.frame());
                assertEquals(d.timestampNanos(), r.timestampNanos());
                assertEquals(d.wireLength(), r.wireLength());
                assertTrue(d.protocol() != Protocol.UNKNOWN, "Ethernet frames decode to something");
                assertEquals(Protocol.UNKNOWN, r.protocol());
                assertEquals(0, r.ipVersion());
            }
            assertEquals(Capinfos.of(file).packets(), count);
        }
    }
}
