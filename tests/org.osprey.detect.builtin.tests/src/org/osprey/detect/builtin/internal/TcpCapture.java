package org.osprey.detect.builtin.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureFormat;
import org.osprey.core.io.CaptureWriter;

/**
 * Writes a pcap of Ethernet/IP packets (IPv4, or IPv6 for addresses with colons), TCP segments and DNS queries over
 * UDP, for scenarios the corpus has no capture of (beaconing, POP3, IMAP, SSH guessing, floods, IPv6). Checksums are
 * left zero: the summary decoder does not check them.
 */
final class TcpCapture implements AutoCloseable {

    static final long SECOND = 1_000_000_000L;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final long BASE_TIME = 1_700_000_000L * SECOND;

    private final CaptureWriter writer;
    private int ipId;

    TcpCapture(Path file) throws IOException {
        writer = CaptureFiles.create(file, CaptureFormat.PCAP, LINKTYPE_ETHERNET);
    }

    /** A TCP segment at {@code nanos} after the capture's base time. */
    TcpCapture tcp(long nanos, String source, int sourcePort, String destination, int destinationPort, int flags,
            String payload) throws IOException {
        byte[] data = payload == null ? new byte[0] : payload.getBytes(StandardCharsets.ISO_8859_1);
        byte[] frame = ip(6, 20, source, destination, data);
        int tcp = 14 + ipHeaderLength(source);
        putShort(frame, tcp, sourcePort);
        putShort(frame, tcp + 2, destinationPort);
        frame[tcp + 7] = 1; // sequence number 1
        frame[tcp + 12] = 0x50; // 20-byte header
        frame[tcp + 13] = (byte) flags;
        putShort(frame, tcp + 14, 65_535);
        writer.write(frame, frame.length, frame.length, LINKTYPE_ETHERNET, 0, BASE_TIME + nanos);
        return this;
    }

    /** A DNS query (type A, recursion desired) for {@code name} from {@code client}:40000 to {@code server}:53. */
    TcpCapture dnsQuery(long nanos, String client, String server, String name) throws IOException {
        ByteArrayOutputStream dns = new ByteArrayOutputStream();
        dns.write(new byte[] { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 }, 0, 12); // id, RD, one question
        for (String label : name.split("\\.")) {
            dns.write(label.length());
            dns.write(label.getBytes(StandardCharsets.US_ASCII), 0, label.length());
        }
        dns.write(new byte[] { 0, 0, 1, 0, 1 }, 0, 5); // root, type A, class IN
        byte[] frame = ip(17, 8, client, server, dns.toByteArray());
        int udp = 14 + ipHeaderLength(client);
        putShort(frame, udp, 40_000);
        putShort(frame, udp + 2, 53);
        putShort(frame, udp + 4, frame.length - udp);
        writer.write(frame, frame.length, frame.length, LINKTYPE_ETHERNET, 0, BASE_TIME + nanos);
        return this;
    }

    /**
     * An Ethernet frame with an IPv4 header (or IPv6, when the addresses are written with colons), room for a
     * transport header of {@code headerLength}, and the data.
     */
    private byte[] ip(int protocol, int headerLength, String source, String destination, byte[] data)
            throws IOException {
        byte[] from = address(source), to = address(destination);
        int ipLength = ipHeaderLength(source);
        byte[] frame = new byte[14 + ipLength + headerLength + data.length];
        frame[0] = 0x02; // destination MAC 02:00:00:00:00:01, source 02:00:00:00:00:02
        frame[5] = 0x01;
        frame[6] = 0x02;
        frame[11] = 0x02;
        int ip = 14;
        if (from.length == 4) {
            frame[12] = 0x08; // IPv4
            frame[ip] = 0x45;
            putShort(frame, ip + 2, 20 + headerLength + data.length);
            putShort(frame, ip + 4, ++ipId);
            frame[ip + 6] = 0x40; // don't fragment
            frame[ip + 8] = 64;
            frame[ip + 9] = (byte) protocol;
            System.arraycopy(from, 0, frame, ip + 12, 4);
            System.arraycopy(to, 0, frame, ip + 16, 4);
        } else {
            frame[12] = (byte) 0x86; // IPv6
            frame[13] = (byte) 0xdd;
            frame[ip] = 0x60;
            putShort(frame, ip + 4, headerLength + data.length);
            frame[ip + 6] = (byte) protocol;
            frame[ip + 7] = 64;
            System.arraycopy(from, 0, frame, ip + 8, 16);
            System.arraycopy(to, 0, frame, ip + 24, 16);
        }
        System.arraycopy(data, 0, frame, ip + ipLength + headerLength, data.length);
        return frame;
    }

    private static int ipHeaderLength(String address) {
        return address.indexOf(':') >= 0 ? 40 : 20;
    }

    /** The address's bytes; a literal, so no name is looked up. */
    private static byte[] address(String literal) throws IOException {
        return InetAddress.getByName(literal).getAddress();
    }

    /** Client data with PSH and ACK. */
    TcpCapture data(long nanos, String source, int sourcePort, String destination, int destinationPort,
            String payload) throws IOException {
        return tcp(nanos, source, sourcePort, destination, destinationPort, 0x18, payload);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static void putShort(byte[] frame, int at, int value) {
        frame[at] = (byte) (value >> 8);
        frame[at + 1] = (byte) value;
    }
}
