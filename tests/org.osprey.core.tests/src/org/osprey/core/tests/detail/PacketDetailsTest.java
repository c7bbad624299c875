package org.osprey.core.tests.detail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osprey.core.PacketSummary;
import org.osprey.core.detail.DetailNode;
import org.osprey.core.detail.PacketDetails;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;
import org.osprey.core.tests.io.Capinfos;
import org.osprey.core.tests.io.CorpusFiles;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.factory.PacketFactories;
import org.pcap4j.packet.namednumber.DataLinkType;

/** The detail tree agrees with tshark on layer positions, addresses and ports, and never fails on odd frames. */
class PacketDetailsTest {

    /** Without pcap4j's static factory every frame would decode as unknown and the detail pane would only fall back. */
    @Test
    void pcap4jStaticPacketFactoryIsInTheRuntime() throws IOException {
        PacketDetails.decode(readAll(CorpusFiles.pcap("creds/telnet.pcap")).get(0)); // pcap4j binds its factory now
        String factory = PacketFactories.getFactory(Packet.class, DataLinkType.class).getClass().getName();
        assertTrue(factory.contains(".statik."), "pcap4j uses " + factory + ": its static packet factory (fragment "
                + "org.pcap4j.packetfactory.static of org.pcap4j.core) is missing from this runtime; add it to the "
                + "product's feature and, for tests, to tycho-surefire's <dependencies>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"benign/http_espn.pcapng", "scan/synscan.pcapng", "creds/telnet.pcap",
        "dns/dns2tcp-tunnel.pcap", "scan/UDP_SCAN.pcap", "scan/hs-icmpScan.pcap"})
    void layersMatchTshark(String capture) throws IOException {
        Path file = CorpusFiles.pcap(capture);
        List<String[]> tshark = Capinfos.tsharkFields(file, "frame.len", "frame.cap_len", "ip.hdr_len", "ip.src",
                "ip.dst", "tcp.hdr_len", "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport", "eth.src", "frame.protocols");
        List<PacketSummary> packets = readAll(file);
        assertEquals(tshark.size(), packets.size());
        int checked = Math.min(packets.size(), 3000);
        for (int i = 0; i < checked; i++) {
            String[] t = tshark.get(i);
            String where = capture + " packet " + (i + 1);
            List<DetailNode> roots = PacketDetails.decode(packets.get(i));

            DetailNode frame = roots.get(0);
            assertTrue(frame.label().startsWith("Frame: " + t[0] + " bytes on wire (" + 8 * Integer.parseInt(t[0])
                    + " bits), " + t[1] + " bytes captured"), where + ": " + frame.label());
            assertEquals(Integer.parseInt(t[1]), frame.length());

            DetailNode ethernet = layer(roots, "Ethernet Header").orElseThrow(() -> new AssertionError(where));
            assertEquals(0, ethernet.offset(), where);
            assertEquals(14, ethernet.length(), where);
            assertTrue(hasField(ethernet, "Source address: " + t[10]), where);

            if (t[3].isEmpty()) {
                continue;
            }
            int ipHeaderLength = Integer.parseInt(t[2]);
            DetailNode ip = layer(roots, "IPv4 Header").orElseThrow(() -> new AssertionError(where + " has no IPv4"));
            assertEquals(14, ip.offset(), where);
            assertEquals(ipHeaderLength, ip.length(), where);
            assertTrue(hasField(ip, "Source address: " + t[3]), where + " source " + t[3]);
            assertTrue(hasField(ip, "Destination address: " + t[4]), where + " destination " + t[4]);
            int transportOffset = 14 + ipHeaderLength;
            if (t[11].contains(":icmp")) {
                // ICMP errors quote an inner IP header: tshark's port fields are the quoted packet's
                assertTrue(layer(roots, "ICMPv4 Common Header").isPresent(), where);
            } else if (!t[5].isEmpty()) {
                DetailNode tcp = layer(roots, "TCP Header").orElseThrow(() -> new AssertionError(where + " has no TCP"));
                assertEquals(transportOffset, tcp.offset(), where);
                assertEquals(Integer.parseInt(t[5]), tcp.length(), where);
                assertTrue(hasField(tcp, "Source port: " + t[6] + " "), where);
                assertTrue(hasField(tcp, "Destination port: " + t[7] + " "), where);
            } else if (!t[8].isEmpty()) {
                DetailNode udp = layer(roots, "UDP Header").orElseThrow(() -> new AssertionError(where + " has no UDP"));
                assertEquals(transportOffset, udp.offset(), where);
                assertEquals(8, udp.length(), where);
                assertTrue(hasField(udp, "Source port: " + t[8] + " "), where);
                assertTrue(hasField(udp, "Destination port: " + t[9] + " "), where);
            }
        }
    }

    @Test
    void frameNodeCarriesCommunityIdAndTimes() throws IOException {
        PacketSummary p = readAll(CorpusFiles.pcap("benign/http_espn.pcapng")).get(0);
        List<String[]> tshark = Capinfos.tsharkFields(CorpusFiles.pcap("benign/http_espn.pcapng"), "frame.time_epoch");
        DetailNode frame = PacketDetails.decode(p).get(0);
        assertTrue(hasField(frame, "Epoch Arrival Time: " + tshark.get(0)[0]), frame.children().toString());
        assertNotNull(p.communityId());
        assertTrue(hasField(frame, "Community ID: " + p.communityId()));
        assertTrue(hasField(frame, "Link Type: Ethernet (1)"));
    }

    /** Frame relay (107) and NFLOG (239) are known neither to pcap4j nor to the summary decoder. */
    @ParameterizedTest
    @ValueSource(strings = {"malformed/q933-heapoverflow-2.pcap", "malformed/nflog.pcap"})
    void unknownLinkTypeShowsTheFrameAsData(String capture) throws IOException {
        for (PacketSummary p : readAll(CorpusFiles.pcap(capture))) {
            List<DetailNode> roots = PacketDetails.decode(p);
            DetailNode data = layer(roots, "Data (").orElseThrow();
            assertEquals(0, data.offset());
            assertEquals(p.capturedLength(), data.length());
            assertTrue(layer(roots, "[Link type " + p.linkType() + " is not one Osprey decodes]").isPresent());
        }
    }

    /**
     * BSD loopback stores the address family in the capturing host's byte order, which pcap4j does not handle: the
     * summary decoder's view is shown instead, and it agrees with tshark.
     */
    @Test
    void loopbackFallsBackToTheSummaryDecoder() throws IOException {
        Path file = CorpusFiles.pcap("malformed/quic_handshake.pcap");
        List<String[]> tshark = Capinfos.tsharkFields(file, "ipv6.src", "udp.srcport", "udp.dstport", "udp.length");
        List<PacketSummary> packets = readAll(file);
        assertEquals(tshark.size(), packets.size());
        for (int i = 0; i < packets.size(); i++) {
            String[] t = tshark.get(i);
            List<DetailNode> roots = PacketDetails.decode(packets.get(i));
            String where = "packet " + (i + 1) + ": " + roots;
            DetailNode ip = layer(roots, "Internet Protocol Version 6, Src: " + t[0]).orElseThrow(
                    () -> new AssertionError(where));
            assertTrue(hasField(ip, "Source Address: " + t[0]));
            assertTrue(layer(roots, "User Datagram Protocol, Src Port: " + t[1] + ", Dst Port: " + t[2]).isPresent());
            DetailNode data = layer(roots, "Data (").orElseThrow();
            // UDP payload = UDP length minus its 8-byte header, ending at the frame's end
            assertEquals(Integer.parseInt(t[3]) - 8, data.length());
            assertEquals(packets.get(i).capturedLength(), data.offset() + data.length());
        }
    }

    @Test
    void emptyFrameStillGetsAFrameNode() throws IOException {
        // a real frame cut to zero bytes, as a snaplen of 0 would record it
        PacketSummary real = readAll(CorpusFiles.pcap("creds/telnet.pcap")).get(0);
        PacketSummary empty = PacketSummary.ofFrame(new byte[0], 0, real.wireLength(), 1, 0, real.timestampNanos());
        List<DetailNode> roots = PacketDetails.decode(empty);
        assertTrue(roots.get(0).label().startsWith("Frame: " + real.wireLength() + " bytes on wire"));
        assertFalse(roots.stream().anyMatch(n -> n.offset() + n.length() > 0));
    }

    private static Optional<DetailNode> layer(List<DetailNode> roots, String labelStart) {
        return roots.stream().filter(n -> n.label().startsWith(labelStart)).findFirst();
    }

    private static boolean hasField(DetailNode node, String labelStart) {
        for (DetailNode child : node.children()) {
            if (child.label().startsWith(labelStart) || hasField(child, labelStart)) {
                return true;
            }
        }
        return false;
    }

    static List<PacketSummary> readAll(Path file) throws IOException {
        List<PacketSummary> packets = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(file)) {
            for (PacketSummary p = reader.next(); p != null; p = reader.next()) {
                packets.add(p);
            }
        }
        return packets;
    }
}
