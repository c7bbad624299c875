package org.osprey.core.tests.detail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osprey.core.PacketSummary;
import org.osprey.core.detail.HexDump;
import org.osprey.core.tests.io.Capinfos;
import org.osprey.core.tests.io.CorpusFiles;

/** The hex dump shows the same offsets, bytes and characters as tshark -x, in Wireshark's layout. */
class HexDumpTest {

    @ParameterizedTest
    @CsvSource({"benign/http_espn.pcapng, 1", "benign/http_espn.pcapng, 4", "benign/http_espn.pcapng, 9",
        "benign/http_espn.pcapng, 100", "creds/telnet.pcap, 30", "malformed/ppp_ip_udp_dns.pcap, 1"})
    void matchesTshark(String capture, int number) throws IOException {
        Path file = CorpusFiles.pcap(capture);
        PacketSummary p = PacketDetailsTest.readAll(file).get(number - 1);
        List<String> ours = HexDump.format(p.frame(), p.capturedLength()).lines().toList();
        // tshark -x prints one block per data source; the frame's is the first, ended by an empty line
        List<String> theirs = Capinfos.tsharkHex(file, number).stream().takeWhile(line -> !line.isBlank()).toList();
        assertEquals(theirs.size(), ours.size(), "line count");
        for (int i = 0; i < ours.size(); i++) {
            String line = ours.get(i);
            String reference = theirs.get(i);
            // offset, then two spaces, then the bytes (an extra space after the eighth), two spaces, the characters
            assertTrue(line.matches("[0-9a-f]{4}  ([0-9a-f]{2} ){1,8}( ([0-9a-f]{2} ){0,8})?\\s+\\S.*"), line);
            assertEquals(reference.substring(0, 4), line.substring(0, 4), "offset of line " + i);
            int count = Math.min(16, p.capturedLength() - 16 * i);
            assertEquals(hexBytes(reference, count), hexBytes(line, count), "bytes of line " + i);
            assertEquals(reference.substring(reference.length() - count), line.substring(line.length() - count),
                    "characters of line " + i);
            assertTrue(line.substring(6, line.length() - count).endsWith("  "), "two spaces before the characters");
        }
    }

    /** The first {@code count} hex pairs after the offset, joined by single spaces. */
    private static String hexBytes(String line, int count) {
        String[] tokens = line.substring(6).trim().split("\\s+");
        return String.join(" ", java.util.Arrays.copyOf(tokens, count));
    }
}
