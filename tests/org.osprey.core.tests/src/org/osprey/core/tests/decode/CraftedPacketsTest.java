package org.osprey.core.tests.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osprey.core.tests.decode.Packets.bytes;
import static org.osprey.core.tests.decode.Packets.concat;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.osprey.core.PacketSummary;
import org.osprey.core.Protocol;
import org.osprey.core.SummaryDecoder;

/**
 * Header combinations the corpus lacks or holds too rarely to rely on: hostile DNS names (compression loops,
 * pointers out of the message, over-long names), DNS over TCP and mDNS, stacked VLAN tags, IPv6 extension chains.
 */
class CraftedPacketsTest {

    private static final byte[] QUESTION_TAIL = bytes(0, 1, 0, 1); // type A, class IN
    private static final byte[] WWW_EXAMPLE_COM = bytes(3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3,
            'c', 'o', 'm', 0);

    private static PacketSummary dnsOverUdp(byte[] question) {
        byte[] frame = Packets.ethernet(0x0800,
                Packets.ipv4(17, "10.0.0.2", "10.0.0.1", Packets.udp(51234, 53, Packets.dnsQuery(question))));
        return SummaryDecoder.decode(frame, SummaryDecoder.LINKTYPE_ETHERNET, 0, frame.length);
    }

    @Test
    void plainQuestion() {
        PacketSummary p = dnsOverUdp(concat(WWW_EXAMPLE_COM, QUESTION_TAIL));
        assertEquals(Protocol.DNS, p.protocol());
        assertEquals("www.example.com", p.dnsQueryName());
        assertEquals(1, p.dnsQueryType());
        assertEquals(0x1a2b, p.dnsId());
        assertEquals(1, p.dnsQuestionCount());
        assertFalse(p.isDnsResponse());
        assertEquals(0, p.flags());
        assertEquals("Standard query 0x1a2b A www.example.com", p.info());
        assertEquals("10.0.0.2", p.source());
        assertEquals("10.0.0.1", p.destination());
    }

    @Test
    void compressedNameFollowsThePointer() {
        // "www" then a pointer to "example.com" stored after the question (message offset 12 + 10 = 22)
        byte[] question = concat(bytes(3, 'w', 'w', 'w', 0xc0, 22), QUESTION_TAIL,
                bytes(7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0));
        PacketSummary p = dnsOverUdp(question);
        assertEquals("www.example.com", p.dnsQueryName());
        assertEquals(1, p.dnsQueryType(), "the type follows the pointer, not the name it points to");
        assertEquals(0, p.flags());
    }

    @Test
    void pointerToItselfIsMalformedNotAHang() {
        PacketSummary p = dnsOverUdp(concat(bytes(0xc0, 12), QUESTION_TAIL));
        assertEquals(Protocol.DNS, p.protocol());
        assertNull(p.dnsQueryName());
        assertTrue(p.hasFlag(PacketSummary.FLAG_MALFORMED));
    }

    @Test
    void labelThenPointerBackIsMalformedNotAHang() {
        PacketSummary p = dnsOverUdp(concat(bytes(3, 'a', 'b', 'c', 0xc0, 12), QUESTION_TAIL));
        assertNull(p.dnsQueryName());
        assertTrue(p.hasFlag(PacketSummary.FLAG_MALFORMED));
    }

    @Test
    void pointerOutOfTheMessageIsFlagged() {
        PacketSummary p = dnsOverUdp(concat(bytes(0xc3, 0xff), QUESTION_TAIL));
        assertNull(p.dnsQueryName());
        assertTrue(p.hasFlag(PacketSummary.FLAG_TRUNCATED) || p.hasFlag(PacketSummary.FLAG_MALFORMED));
    }

    @Test
    void labelLongerThanTheMessageIsTruncated() {
        PacketSummary p = dnsOverUdp(bytes(40, 'a', 'b'));
        assertNull(p.dnsQueryName());
        assertTrue(p.hasFlag(PacketSummary.FLAG_TRUNCATED));
    }

    @Test
    void extendedLabelTypeIsMalformed() {
        PacketSummary p = dnsOverUdp(concat(bytes(0x41, 'a', 0), QUESTION_TAIL));
        assertNull(p.dnsQueryName());
        assertTrue(p.hasFlag(PacketSummary.FLAG_MALFORMED));
    }

    @Test
    void nameLongerThanDnsAllowsIsMalformed() {
        ByteBuffer name = ByteBuffer.allocate(5 * 64 + 1);
        for (int label = 0; label < 5; label++) {
            name.put((byte) 63).put(new byte[63]);
        }
        PacketSummary p = dnsOverUdp(concat(name.array(), QUESTION_TAIL));
        assertNull(p.dnsQueryName());
        assertTrue(p.hasFlag(PacketSummary.FLAG_MALFORMED));
    }

    @Test
    void rootName() {
        PacketSummary p = dnsOverUdp(bytes(0, 0, 2, 0, 1));
        assertEquals("", p.dnsQueryName());
        assertEquals(2, p.dnsQueryType());
        assertEquals("Standard query 0x1a2b NS <Root>", p.info());
    }

    @Test
    void questionTypeCutOffIsTruncated() {
        PacketSummary p = dnsOverUdp(concat(WWW_EXAMPLE_COM, bytes(0)));
        assertEquals("www.example.com", p.dnsQueryName());
        assertEquals(PacketSummary.ABSENT, p.dnsQueryType());
        assertTrue(p.hasFlag(PacketSummary.FLAG_TRUNCATED));
    }

    @Test
    void dnsOverTcpSkipsTheLengthPrefix() {
        byte[] message = Packets.dnsQuery(concat(WWW_EXAMPLE_COM, bytes(0, 28, 0, 1)));
        byte[] payload = concat(bytes(message.length >> 8, message.length), message);
        byte[] frame = Packets.ethernet(0x0800, Packets.ipv4(6, "10.0.0.2", "10.0.0.1",
                Packets.tcp(40000, 53, 0x18, payload)));
        PacketSummary p = SummaryDecoder.decode(frame, SummaryDecoder.LINKTYPE_ETHERNET, 0, frame.length);
        assertEquals(Protocol.DNS, p.protocol());
        assertEquals("www.example.com", p.dnsQueryName());
        assertEquals(28, p.dnsQueryType());
        assertEquals(0x18, p.tcpFlags());
        assertEquals("Standard query 0x1a2b AAAA www.example.com", p.info());
    }

    @Test
    void multicastDnsOnPort5353() {
        byte[] frame = Packets.ethernet(0x86dd, Packets.ipv6(17, "fe80::1", "ff02::fb",
                Packets.udp(5353, 5353, Packets.dnsQuery(concat(WWW_EXAMPLE_COM, QUESTION_TAIL)))));
        PacketSummary p = SummaryDecoder.decode(frame, SummaryDecoder.LINKTYPE_ETHERNET, 0, frame.length);
        assertEquals(Protocol.DNS, p.protocol());
        assertEquals("www.example.com", p.dnsQueryName());
        assertEquals("fe80::1", p.source());
        assertEquals("ff02::fb", p.destination());
    }

    @Test
    void stackedVlanTagsAreSkippedAndKept() {
        byte[] ip = Packets.ipv4(17, "192.0.2.1", "192.0.2.2", Packets.udp(1000, 2000, new byte[4]));
        byte[] tags = bytes(0x00, 100, 0x81, 0x00, 0x00, 200, 0x91, 0x00, 0x00, 44, 0x08, 0x00);
        byte[] frame = Packets.ethernet(0x88a8, concat(tags, ip));
        PacketSummary p = SummaryDecoder.decode(frame, SummaryDecoder.LINKTYPE_ETHERNET, 0, frame.length);
        assertEquals(100, p.vlanId());
        assertEquals(200, p.innerVlanId());
        assertEquals(0x0800, p.etherType());
        assertEquals(Protocol.UDP, p.protocol());
        assertEquals(2000, p.dstPort());
        assertEquals(4, p.payloadLength());
        assertEquals("1000 \u2192 2000 Len=4", p.info());
    }

    @Test
    void ipv6ExtensionChainLeadsToTheTransportHeader() {
        byte[] tcp = Packets.tcp(443, 50000, 0x12, new byte[0]);
        byte[] destinationOptions = bytes(6, 0, 1, 4, 0, 0, 0, 0); // next: TCP, 8 bytes, PadN
        byte[] routing = bytes(60, 0, 0, 0, 0, 0, 0, 0); // next: destination options
        byte[] hopByHop = bytes(43, 0, 1, 4, 0, 0, 0, 0); // next: routing
        byte[] packet = Packets.ipv6(0, "2001:db8::1", "2001:db8::2", concat(hopByHop, routing, destinationOptions, tcp));
        PacketSummary p = SummaryDecoder.decode(packet, SummaryDecoder.LINKTYPE_IPV6, 0, packet.length);
        assertEquals(6, p.ipProtocol());
        assertEquals(Protocol.TCP, p.protocol());
        assertEquals(443, p.srcPort());
        assertEquals(0x12, p.tcpFlags());
        assertEquals(0, p.flags());
    }

    @Test
    void laterIpv6FragmentHasNoTransportHeader() {
        byte[] fragment = bytes(17, 0, 0x05, 0xa8, 0, 0, 0x12, 0x34); // next: UDP, offset 181 * 8 = 1448, last
        byte[] packet = Packets.ipv6(44, "2001:db8::1", "2001:db8::2", concat(fragment, new byte[16]));
        PacketSummary p = SummaryDecoder.decode(packet, SummaryDecoder.LINKTYPE_IPV6, 0, packet.length);
        assertEquals(17, p.ipProtocol());
        assertEquals(1448, p.fragmentOffset());
        assertEquals(0x1234, p.ipIdentification());
        assertTrue(p.hasFlag(PacketSummary.FLAG_FRAGMENT));
        assertEquals(Protocol.IPV6, p.protocol());
        assertEquals(PacketSummary.ABSENT, p.srcPort());
    }

    @Test
    void unknownLinkTypeIsFlagged() {
        PacketSummary p = SummaryDecoder.decode(new byte[64], 147, 0, 64);
        assertEquals(Protocol.UNKNOWN, p.protocol());
        assertTrue(p.hasFlag(PacketSummary.FLAG_UNKNOWN_LINK));
    }

    @Test
    void arpRequestAndReply() {
        byte[] request = Packets.ethernet(0x0806, bytes(0, 1, 8, 0, 6, 4, 0, 1, 0, 0x66, 0x77, 0x88, 0x99, 0x10, 10, 0,
                0, 2, 0, 0, 0, 0, 0, 0, 10, 0, 0, 1));
        PacketSummary p = SummaryDecoder.decode(request, SummaryDecoder.LINKTYPE_ETHERNET, 0, request.length);
        assertEquals(Protocol.ARP, p.protocol());
        assertEquals(1, p.arpOpcode());
        assertEquals("Who has 10.0.0.1? Tell 10.0.0.2", p.info());
        assertEquals("00:66:77:88:99:10", p.source());
        assertEquals(0, p.ipVersion());
        assertNull(p.communityId());
        byte[] reply = request.clone();
        reply[14 + 7] = 2;
        assertEquals("10.0.0.2 is at 00:66:77:88:99:10",
                SummaryDecoder.decode(reply, SummaryDecoder.LINKTYPE_ETHERNET, 0, reply.length).info());
    }

    @Test
    void decodingTwiceGivesTheSameSummary() {
        byte[] frame = Packets.ethernet(0x0800, Packets.ipv4(17, "10.0.0.2", "10.0.0.1",
                Packets.udp(51234, 53, Packets.dnsQuery(concat(WWW_EXAMPLE_COM, QUESTION_TAIL)))));
        // captured length short of the frame: the decoder must look only at the captured bytes
        PacketSummary p = PacketSummary.ofFrame(frame, 50, frame.length, SummaryDecoder.LINKTYPE_ETHERNET, 0, 0);
        SummaryDecoder.decode(p);
        String first = p.info() + p.flags() + p.dnsQueryName() + p.srcPort();
        SummaryDecoder.decode(p);
        assertEquals(first, p.info() + p.flags() + p.dnsQueryName() + p.srcPort());
        assertEquals(Protocol.UDP, p.protocol());
        assertTrue(p.hasFlag(PacketSummary.FLAG_TRUNCATED));
    }
}
