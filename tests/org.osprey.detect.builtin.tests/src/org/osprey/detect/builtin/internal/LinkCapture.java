package org.osprey.detect.builtin.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureFormat;
import org.osprey.core.io.CaptureWriter;

/**
 * Writes a pcap of Ethernet frames with ICMP echo requests and errors, ARP messages, IPv6 neighbour solicitations and
 * IPv6 TCP segments, for scenarios the corpus has no capture of (an ICMP flood, an address moving to another MAC, IPv6
 * scans). Checksums are left zero:
 * the summary decoder does not check them. IPv4 TCP scenarios use {@link TcpCapture}.
 */
final class LinkCapture implements AutoCloseable {

    static final long SECOND = 1_000_000_000L;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final long BASE_TIME = 1_700_000_000L * SECOND;
    private static final long BROADCAST = 0xffff_ffff_ffffL;
    private static final long PING_SOURCE_MAC = 0x0200_0000_0002L, PING_DESTINATION_MAC = 0x0200_0000_0001L;

    private final CaptureWriter writer;

    LinkCapture(Path file) throws IOException {
        writer = CaptureFiles.create(file, CaptureFormat.PCAP, LINKTYPE_ETHERNET);
    }

    /** An ICMP echo request with 32 bytes of zeros at {@code nanos} after the capture's base time. */
    LinkCapture ping(long nanos, String source, String destination) throws IOException {
        ByteBuffer frame = ethernet(14 + 20 + 8 + 32, PING_DESTINATION_MAC, PING_SOURCE_MAC, 0x0800);
        ip4Header(frame, 20 + 8 + 32, 1, source, destination);
        frame.put((byte) 8); // echo request; code, checksum, id, sequence and data stay zero
        return write(nanos, frame);
    }

    /** An ICMP port unreachable from {@code target} to {@code prober}, quoting the prober's UDP datagram to it. */
    LinkCapture portUnreachable(long nanos, String target, String prober, int proberPort, int port)
            throws IOException {
        return icmpError(nanos, 3, 3, target, prober, proberPort, target, port);
    }

    /** An ICMP time exceeded in transit from the router {@code from}, quoting the prober's UDP datagram to target. */
    LinkCapture timeExceeded(long nanos, String from, String prober, int proberPort, String target, int port)
            throws IOException {
        return icmpError(nanos, 11, 0, from, prober, proberPort, target, port);
    }

    /** A UDP datagram with 8 bytes of zeros. */
    LinkCapture udp(long nanos, String source, int sourcePort, String destination, int destinationPort)
            throws IOException {
        ByteBuffer frame = ethernet(14 + 20 + 8 + 8, PING_DESTINATION_MAC, PING_SOURCE_MAC, 0x0800);
        ip4Header(frame, 20 + 8 + 8, 17, source, destination);
        frame.putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) 16);
        return write(nanos, frame);
    }

    /** An ICMPv6 echo request (type 128) with 8 bytes of zeros. */
    LinkCapture ping6(long nanos, String source, String destination) throws IOException {
        ByteBuffer frame = ethernet(14 + 40 + 8 + 8, PING_DESTINATION_MAC, PING_SOURCE_MAC, 0x86dd);
        frame.putInt(0x6000_0000).putShort((short) 16).put((byte) 58).put((byte) 64) // ICMPv6, hop limit
                .put(InetAddress.getByName(source).getAddress()).put(InetAddress.getByName(destination).getAddress())
                .put((byte) 128); // echo request; code, checksum, id, sequence and data stay zero
        return write(nanos, frame);
    }

    /** An IPv6 TCP segment without payload (addresses in any IPv6 text form). */
    LinkCapture tcp6(long nanos, String source, int sourcePort, String destination, int destinationPort, int flags)
            throws IOException {
        ByteBuffer frame = ethernet(14 + 40 + 20, PING_DESTINATION_MAC, PING_SOURCE_MAC, 0x86dd);
        frame.putInt(0x6000_0000).putShort((short) 20).put((byte) 6).put((byte) 64) // version, length, TCP, hops
                .put(InetAddress.getByName(source).getAddress()).put(InetAddress.getByName(destination).getAddress())
                .putShort((short) sourcePort).putShort((short) destinationPort).putInt(1).putInt(0) // seq, ack
                .put((byte) 0x50).put((byte) flags).putShort((short) 65_535); // 20-byte header, flags, window
        return write(nanos, frame);
    }

    private LinkCapture icmpError(long nanos, int type, int code, String from, String prober, int proberPort,
            String target, int port) throws IOException {
        ByteBuffer frame = ethernet(14 + 20 + 8 + 20 + 8, PING_SOURCE_MAC, PING_DESTINATION_MAC, 0x0800);
        ip4Header(frame, 20 + 8 + 20 + 8, 1, from, prober);
        frame.put((byte) type).put((byte) code).putShort((short) 0).putInt(0); // checksum, unused
        ip4Header(frame, 20 + 8, 17, prober, target);
        frame.putShort((short) proberPort).putShort((short) port).putShort((short) 8).putShort((short) 0);
        return write(nanos, frame);
    }

    /** An ICMPv6 neighbour solicitation (RFC 4861) from {@code source} for {@code target}, to its solicited node. */
    LinkCapture neighbourSolicitation(long nanos, String source, String target) throws IOException {
        byte[] asked = InetAddress.getByName(target).getAddress();
        byte[] group = InetAddress.getByName("ff02::1:ff00:0").getAddress();
        System.arraycopy(asked, 13, group, 13, 3);
        ByteBuffer frame = ethernet(14 + 40 + 8 + 16, 0x3333_ff00_0000L | (asked[13] & 0xff) << 16
                | (asked[14] & 0xff) << 8 | (asked[15] & 0xff), PING_SOURCE_MAC, 0x86dd);
        frame.putInt(0x6000_0000).putShort((short) 24).put((byte) 58).put((byte) 255) // ICMPv6, hop limit 255
                .put(InetAddress.getByName(source).getAddress()).put(group)
                .put((byte) 135).put((byte) 0).putShort((short) 0).putInt(0) // type, code, checksum, reserved
                .put(asked);
        return write(nanos, frame);
    }

    /** An ARP reply sent by {@code mac} saying that {@code address} is at {@code mac}, to {@code targetAddress}. */
    LinkCapture arpReply(long nanos, long mac, String address, long targetMac, String targetAddress)
            throws IOException {
        return arp(nanos, mac, 2, mac, address, targetMac, targetAddress);
    }

    /** An ARP message whose Ethernet source ({@code frameSource}) may differ from its ARP sender MAC. */
    LinkCapture arp(long nanos, long frameSource, int opcode, long senderMac, String senderAddress, long targetMac,
            String targetAddress) throws IOException {
        ByteBuffer frame = ethernet(14 + 28, opcode == 1 ? BROADCAST : targetMac, frameSource, 0x0806);
        frame.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) opcode);
        putMac(frame, senderMac);
        frame.put(ip4(senderAddress));
        putMac(frame, targetMac);
        frame.put(ip4(targetAddress));
        return write(nanos, frame);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static ByteBuffer ethernet(int length, long destination, long source, int etherType) {
        ByteBuffer frame = ByteBuffer.allocate(length); // network byte order
        putMac(frame, destination);
        putMac(frame, source);
        return frame.putShort((short) etherType);
    }

    private static void ip4Header(ByteBuffer frame, int totalLength, int protocol, String source, String destination)
            throws IOException {
        frame.put((byte) 0x45).put((byte) 0).putShort((short) totalLength).putInt(0) // id, flags, offset
                .put((byte) 64).put((byte) protocol).putShort((short) 0) // TTL, protocol, checksum
                .put(ip4(source)).put(ip4(destination));
    }

    private LinkCapture write(long nanos, ByteBuffer frame) throws IOException {
        writer.write(frame.array(), frame.capacity(), frame.capacity(), LINKTYPE_ETHERNET, 0, BASE_TIME + nanos);
        return this;
    }

    private static void putMac(ByteBuffer frame, long mac) {
        frame.putShort((short) (mac >>> 32)).putInt((int) mac);
    }

    private static byte[] ip4(String dotted) throws IOException {
        return InetAddress.getByName(dotted).getAddress(); // a literal address: no lookup
    }
}
