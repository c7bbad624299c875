package org.osprey.core.tests.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureFormat;
import org.osprey.core.io.CaptureInterface;
import org.osprey.core.io.CaptureReader;
import org.osprey.core.io.CaptureWriter;

/** Files we write read back identically, in our reader and in Wireshark's tools. */
class RoundTripTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource({
        "creds/telnet.pcap, PCAP", "creds/telnet.pcap, PCAPNG",
        "benign/http_espn.pcapng, PCAP", "benign/http_espn.pcapng, PCAPNG",
        "scan/synscan.pcapng, PCAPNG",
        // nanosecond timestamps, a big-endian file, Linux cooked capture, PPP
        "malformed/vsock-1.pcapng, PCAPNG", "malformed/vsock-1.pcapng, PCAP",
        "malformed/isup.pcap, PCAP", "malformed/isup.pcap, PCAPNG",
        "malformed/bgp-ovs.pcapng, PCAP", "malformed/icmp-cksum-oobr-4.pcapng, PCAPNG"})
    void writesWhatItReads(String capture, CaptureFormat format) throws IOException {
        Path original = CorpusFiles.pcap(capture);
        List<PacketSummary> packets = readAll(original);
        Path written = temp.resolve("written." + format.name().toLowerCase());
        try (CaptureWriter writer = CaptureFiles.create(written, format, packets.get(0).linkType())) {
            assertEquals(format, writer.format());
            for (PacketSummary p : packets) {
                writer.write(p);
            }
        }

        List<PacketSummary> readBack = readAll(written);
        assertSamePackets(packets, readBack);

        Capinfos.Info ours = Capinfos.of(written);
        Capinfos.Info theirs = Capinfos.of(original);
        assertEquals(0, ours.exitCode(), ours.output());
        assertEquals(format == CaptureFormat.PCAPNG ? "pcapng" : "nsecpcap", ours.fileType());
        assertEquals(theirs.packets(), ours.packets());
        assertEquals(truncatedTo(theirs.earliest(), 6), truncatedTo(ours.earliest(), 6));
        assertEquals(truncatedTo(theirs.latest(), 6), truncatedTo(ours.latest(), 6));
        // tshark sees the same frames: lengths and link-layer decode of every packet
        String[] fields = {"frame.len", "frame.cap_len", "frame.protocols", "frame.time_epoch"};
        List<String[]> expected = Capinfos.tsharkFields(original, fields);
        List<String[]> actual = Capinfos.tsharkFields(written, fields);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            for (int f = 0; f < 3; f++) {
                assertEquals(expected.get(i)[f], actual.get(i)[f], fields[f] + " of packet " + (i + 1));
            }
            assertEquals(truncatedTo(expected.get(i)[3], 6), truncatedTo(actual.get(i)[3], 6),
                    "time of packet " + (i + 1));
        }
    }

    @Test
    void mixedLinkTypesGetOneInterfaceEach() throws IOException {
        List<PacketSummary> ethernet = readAll(CorpusFiles.pcap("creds/telnet.pcap"));
        List<PacketSummary> cooked = readAll(CorpusFiles.pcap("malformed/bgp-ovs.pcapng"));
        List<PacketSummary> mixed = new ArrayList<>();
        for (int i = 0; i < Math.max(ethernet.size(), cooked.size()); i++) {
            if (i < ethernet.size()) {
                mixed.add(ethernet.get(i));
            }
            if (i < cooked.size()) {
                mixed.add(cooked.get(i));
            }
        }
        Path written = temp.resolve("mixed.pcapng");
        try (CaptureWriter writer = CaptureFiles.create(written, CaptureFormat.PCAPNG, 1)) {
            for (PacketSummary p : mixed) {
                writer.write(p);
            }
        }
        List<CaptureInterface> interfaces;
        List<PacketSummary> readBack = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(written)) {
            for (PacketSummary p = reader.next(); p != null; p = reader.next()) {
                readBack.add(p);
            }
            interfaces = reader.interfaces();
        }
        assertEquals(2, interfaces.size());
        assertEquals(1, interfaces.get(0).linkType());
        assertEquals(113, interfaces.get(1).linkType());
        assertEquals(1_000_000_000L, interfaces.get(1).ticksPerSecond());
        assertEquals(mixed.size(), readBack.size());
        for (int i = 0; i < mixed.size(); i++) {
            assertArrayEquals(mixed.get(i).frame(), readBack.get(i).frame());
            assertEquals(mixed.get(i).linkType(), readBack.get(i).linkType());
            assertEquals(mixed.get(i).linkType() == 1 ? 0 : 1, readBack.get(i).interfaceId());
            assertEquals(mixed.get(i).timestampNanos(), readBack.get(i).timestampNanos());
        }
        List<String[]> tshark = Capinfos.tsharkFields(written, "frame.interface_id", "frame.encap_type", "frame.len");
        assertEquals(mixed.size(), tshark.size());
        for (int i = 0; i < mixed.size(); i++) {
            assertEquals(Integer.toString(readBack.get(i).interfaceId()), tshark.get(i)[0], "interface of " + i);
            assertEquals(Integer.toString(mixed.get(i).wireLength()), tshark.get(i)[2], "length of " + i);
        }
    }

    @Test
    void pcapHoldsOneLinkType() throws IOException {
        List<PacketSummary> cooked = readAll(CorpusFiles.pcap("malformed/bgp-ovs.pcapng"));
        try (CaptureWriter writer = CaptureFiles.create(temp.resolve("one.pcap"), CaptureFormat.PCAP, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> writer.write(cooked.get(0)));
            assertTrue(e.getMessage().contains("one link type"), e.getMessage());
        }
    }

    @Test
    void sectionsOfConcatenatedFilesReadInOrder() throws IOException {
        Path first = CorpusFiles.pcap("benign/http_espn.pcapng");
        Path second = CorpusFiles.pcap("malformed/bgp-ovs.pcapng");
        Path joined = temp.resolve("two-sections.pcapng");
        try (OutputStream out = Files.newOutputStream(joined)) {
            out.write(Files.readAllBytes(first));
            out.write(Files.readAllBytes(second));
        }
        List<PacketSummary> expected = new ArrayList<>(readAll(first));
        List<PacketSummary> fromSecond = readAll(second);
        expected.addAll(fromSecond);
        List<PacketSummary> actual = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(joined)) {
            for (PacketSummary p = reader.next(); p != null; p = reader.next()) {
                actual.add(p);
            }
            List<CaptureInterface> interfaces = reader.interfaces();
            assertEquals(0, interfaces.get(0).section());
            assertEquals(1, interfaces.get(interfaces.size() - 1).section());
            // the second section numbers its interfaces from 0 again: ours continue after the first section's
            assertEquals(interfaces.size() - 1, actual.get(actual.size() - 1).interfaceId());
        }
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).frame(), actual.get(i).frame(), "packet " + i);
            assertEquals(expected.get(i).timestampNanos(), actual.get(i).timestampNanos(), "packet " + i);
            assertEquals(expected.get(i).linkType(), actual.get(i).linkType(), "packet " + i);
        }
        assertEquals(Capinfos.of(joined).packets(), actual.size());
    }

    private static void assertSamePackets(List<PacketSummary> expected, List<PacketSummary> actual) {
        assertEquals(expected.size(), actual.size(), "packet count");
        for (int i = 0; i < expected.size(); i++) {
            PacketSummary e = expected.get(i), a = actual.get(i);
            assertArrayEquals(e.frame(), a.frame(), "frame " + i);
            assertEquals(e.capturedLength(), a.capturedLength(), "captured length " + i);
            assertEquals(e.wireLength(), a.wireLength(), "wire length " + i);
            assertEquals(e.linkType(), a.linkType(), "link type " + i);
            assertEquals(e.interfaceId(), a.interfaceId(), "interface " + i);
            assertEquals(e.timestampNanos(), a.timestampNanos(), "timestamp " + i);
            assertEquals(e.protocol(), a.protocol(), "decoded protocol " + i);
        }
    }

    private static List<PacketSummary> readAll(Path file) throws IOException {
        List<PacketSummary> packets = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(file)) {
            for (PacketSummary p = reader.next(); p != null; p = reader.next()) {
                packets.add(p);
            }
            assertNull(reader.next());
        }
        return packets;
    }

    private static String truncatedTo(String epochSeconds, int decimals) {
        int dot = epochSeconds.indexOf('.');
        return dot < 0 ? epochSeconds : epochSeconds.substring(0, Math.min(epochSeconds.length(), dot + 1 + decimals));
    }
}
