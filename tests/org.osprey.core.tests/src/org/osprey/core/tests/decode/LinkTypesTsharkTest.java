package org.osprey.core.tests.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osprey.core.SummaryDecoder;
import org.osprey.core.tests.decode.CaptureRecords.Frame;

/**
 * The link types other than Ethernet, against tshark. The corpus captures are all Ethernet, so real IP packets are
 * taken out of them (a varied sample of the benchmark mix) and put behind each other link-layer header, written to
 * a pcap of that link type, and compared with tshark field by field like {@link SummaryDecoderTsharkTest} does.
 */
class LinkTypesTsharkTest {

    private static final int PACKETS = 300;
    private static List<byte[]> ipv4Packets;
    private static List<byte[]> ipv6Packets;

    @BeforeAll
    static void takeIpPacketsOutOfEthernetFrames() throws IOException {
        ipv4Packets = new ArrayList<>();
        ipv6Packets = new ArrayList<>();
        List<Frame> frames = CaptureRecords.read(Corpus.bigmix());
        for (int i = 0; i < frames.size(); i += 97) {
            byte[] frame = frames.get(i).data();
            if (frame.length <= 14 || frames.get(i).linkType() != SummaryDecoder.LINKTYPE_ETHERNET) {
                continue;
            }
            int etherType = (frame[12] & 0xff) << 8 | (frame[13] & 0xff);
            byte[] ip = java.util.Arrays.copyOfRange(frame, 14, frame.length);
            if (etherType == 0x0800 && ipv4Packets.size() < PACKETS) {
                ipv4Packets.add(ip);
            } else if (etherType == 0x86dd && ipv6Packets.size() < PACKETS) {
                ipv6Packets.add(ip);
            }
        }
        assertTrue(ipv4Packets.size() == PACKETS && ipv6Packets.size() >= 100,
                "too few IP packets in the benchmark mix: " + ipv4Packets.size() + " IPv4, " + ipv6Packets.size() + " IPv6");
    }

    @ParameterizedTest(name = "link type {0}")
    @ValueSource(ints = { SummaryDecoder.LINKTYPE_NULL, SummaryDecoder.LINKTYPE_LOOP, SummaryDecoder.LINKTYPE_RAW,
            SummaryDecoder.LINKTYPE_RAW_ALT_12, SummaryDecoder.LINKTYPE_RAW_ALT_14, SummaryDecoder.LINKTYPE_LINUX_SLL,
            SummaryDecoder.LINKTYPE_LINUX_SLL2, SummaryDecoder.LINKTYPE_IPV4, SummaryDecoder.LINKTYPE_IPV6 })
    void ipBehindLinkHeaderMatchesTshark(int linkType) throws Exception {
        List<Frame> frames = new ArrayList<>();
        if (linkType != SummaryDecoder.LINKTYPE_IPV6) {
            for (byte[] ip : ipv4Packets) {
                byte[] frame = wrap(linkType, ip, false);
                frames.add(new Frame(frames.size() + 1, frame, linkType, frame.length));
            }
        }
        if (linkType != SummaryDecoder.LINKTYPE_IPV4) {
            for (byte[] ip : ipv6Packets) {
                byte[] frame = wrap(linkType, ip, true);
                frames.add(new Frame(frames.size() + 1, frame, linkType, frame.length));
            }
        }
        SummaryDecoderTsharkTest.compareSample("link type " + linkType, frames, frames.size());
    }

    /** The IP packet behind the link-layer header of {@code linkType}. */
    private static byte[] wrap(int linkType, byte[] ip, boolean v6) {
        int etherType = v6 ? 0x86dd : 0x0800;
        byte[] mac = { 0x02, 0x42, (byte) 0xac, 0x11, 0x00, 0x02, 0, 0 };
        ByteBuffer b;
        switch (linkType) {
            case SummaryDecoder.LINKTYPE_NULL -> // address family in the capturing host's byte order: little-endian here
                b = ByteBuffer.allocate(4 + ip.length).order(ByteOrder.LITTLE_ENDIAN).putInt(v6 ? 30 : 2);
            case SummaryDecoder.LINKTYPE_LOOP -> // always network byte order; 24 is OpenBSD's AF_INET6
                b = ByteBuffer.allocate(4 + ip.length).putInt(v6 ? 24 : 2);
            case SummaryDecoder.LINKTYPE_LINUX_SLL -> b = ByteBuffer.allocate(16 + ip.length).putShort((short) 0)
                    .putShort((short) 1).putShort((short) 6).put(mac).putShort((short) etherType);
            case SummaryDecoder.LINKTYPE_LINUX_SLL2 -> b = ByteBuffer.allocate(20 + ip.length)
                    .putShort((short) etherType).putShort((short) 0).putInt(2).putShort((short) 1).put((byte) 0)
                    .put((byte) 6).put(mac);
            default -> b = ByteBuffer.allocate(ip.length); // raw IP, IPv4, IPv6: no link header
        }
        return b.order(ByteOrder.BIG_ENDIAN).put(ip).array();
    }
}
