package org.osprey.detect.builtin.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureFormat;
import org.osprey.core.io.CaptureWriter;

/**
 * Writes a pcap of Ethernet/IPv4/TCP packets for scenarios the corpus has no capture of (beaconing, POP3, IMAP, SSH
 * guessing). Checksums are left zero: the summary decoder does not check them.
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
        byte[] frame = new byte[14 + 20 + 20 + data.length];
        frame[0] = 0x02; // destination MAC 02:00:00:00:00:01, source 02:00:00:00:00:02
        frame[5] = 0x01;
        frame[6] = 0x02;
        frame[11] = 0x02;
        frame[12] = 0x08; // IPv4
        int ip = 14;
        frame[ip] = 0x45;
        putShort(frame, ip + 2, 20 + 20 + data.length);
        putShort(frame, ip + 4, ++ipId);
        frame[ip + 6] = 0x40; // don't fragment
        frame[ip + 8] = 64;
        frame[ip + 9] = 6; // TCP
        putAddress(frame, ip + 12, source);
        putAddress(frame, ip + 16, destination);
        int tcp = ip + 20;
        putShort(frame, tcp, sourcePort);
        putShort(frame, tcp + 2, destinationPort);
        frame[tcp + 7] = 1; // sequence number 1
        frame[tcp + 12] = 0x50; // 20-byte header
        frame[tcp + 13] = (byte) flags;
        putShort(frame, tcp + 14, 65_535);
        System.arraycopy(data, 0, frame, tcp + 20, data.length);
        writer.write(frame, frame.length, frame.length, LINKTYPE_ETHERNET, 0, BASE_TIME + nanos);
        return this;
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

    private static void putAddress(byte[] frame, int at, String dotted) {
        String[] octets = dotted.split("\\.");
        for (int i = 0; i < 4; i++) {
            frame[at + i] = (byte) Integer.parseInt(octets[i]);
        }
    }
}
