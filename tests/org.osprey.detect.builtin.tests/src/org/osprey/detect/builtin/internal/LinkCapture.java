package org.osprey.detect.builtin.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureFormat;
import org.osprey.core.io.CaptureWriter;

/**
 * Writes a pcap of Ethernet frames with ICMP echo requests and ARP messages, for scenarios the corpus has no capture
 * of (an ICMP flood, an address moving to another MAC). Checksums are left zero: the summary decoder does not check
 * them. TCP scenarios use {@link TcpCapture}.
 */
final class LinkCapture implements AutoCloseable {

    static final long SECOND = 1_000_000_000L;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final long BASE_TIME = 1_700_000_000L * SECOND;

    private final CaptureWriter writer;

    LinkCapture(Path file) throws IOException {
        writer = CaptureFiles.create(file, CaptureFormat.PCAP, LINKTYPE_ETHERNET);
    }

    /** An ICMP echo request at {@code nanos} after the capture's base time. */
    LinkCapture ping(long nanos, String source, String destination) throws IOException {
        byte[] frame = new byte[14 + 20 + 8 + 32];
        frame[0] = 0x02; // destination MAC 02:00:00:00:00:01, source 02:00:00:00:00:02
        frame[5] = 0x01;
        frame[6] = 0x02;
        frame[11] = 0x02;
        frame[12] = 0x08; // IPv4
        int ip = 14;
        frame[ip] = 0x45;
        putShort(frame, ip + 2, 20 + 8 + 32);
        frame[ip + 8] = 64;
        frame[ip + 9] = 1; // ICMP
        putAddress(frame, ip + 12, source);
        putAddress(frame, ip + 16, destination);
        frame[ip + 20] = 8; // echo request
        writer.write(frame, frame.length, frame.length, LINKTYPE_ETHERNET, 0, BASE_TIME + nanos);
        return this;
    }

    /** An ARP reply sent by {@code mac} saying that {@code address} is at {@code mac}, to {@code targetAddress}. */
    LinkCapture arpReply(long nanos, long mac, String address, long targetMac, String targetAddress)
            throws IOException {
        return arp(nanos, mac, 2, mac, address, targetMac, targetAddress);
    }

    /** An ARP message whose Ethernet source ({@code frameSource}) may differ from its ARP sender MAC. */
    LinkCapture arp(long nanos, long frameSource, int opcode, long senderMac, String senderAddress, long targetMac,
            String targetAddress) throws IOException {
        byte[] frame = new byte[14 + 28];
        putMac(frame, 0, opcode == 1 ? 0xffff_ffff_ffffL : targetMac);
        putMac(frame, 6, frameSource);
        frame[12] = 0x08;
        frame[13] = 0x06; // ARP
        int arp = 14;
        putShort(frame, arp, 1); // Ethernet
        putShort(frame, arp + 2, 0x0800); // IPv4
        frame[arp + 4] = 6;
        frame[arp + 5] = 4;
        putShort(frame, arp + 6, opcode);
        putMac(frame, arp + 8, senderMac);
        putAddress(frame, arp + 14, senderAddress);
        putMac(frame, arp + 18, targetMac);
        putAddress(frame, arp + 24, targetAddress);
        writer.write(frame, frame.length, frame.length, LINKTYPE_ETHERNET, 0, BASE_TIME + nanos);
        return this;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static void putShort(byte[] frame, int at, int value) {
        frame[at] = (byte) (value >> 8);
        frame[at + 1] = (byte) value;
    }

    private static void putMac(byte[] frame, int at, long mac) {
        for (int i = 0; i < 6; i++) {
            frame[at + i] = (byte) (mac >>> (40 - 8 * i));
        }
    }

    private static void putAddress(byte[] frame, int at, String dotted) {
        String[] octets = dotted.split("\\.");
        for (int i = 0; i < 4; i++) {
            frame[at + i] = (byte) Integer.parseInt(octets[i]);
        }
    }
}
