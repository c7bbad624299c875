package org.osprey.core.tests.decode;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * Builds packets byte by byte for tests that need a header combination the corpus does not hold (test vectors,
 * hostile DNS names). Addresses are IP literals; nothing is looked up.
 */
final class Packets {

    private Packets() {
    }

    static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + literal, e);
        }
    }

    /** An IPv4 packet (20-byte header, no options, not fragmented) around {@code payload}. */
    static byte[] ipv4(int protocol, String src, String dst, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putShort((short) 0x1234)
                .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0)
                .put(address(src)).put(address(dst)).put(payload);
        return b.array();
    }

    /** An IPv6 packet without extension headers around {@code payload}. */
    static byte[] ipv6(int nextHeader, String src, String dst, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
        b.putInt(0x6000_0000).putShort((short) payload.length).put((byte) nextHeader).put((byte) 64)
                .put(address(src)).put(address(dst)).put(payload);
        return b.array();
    }

    /** An IP packet of the version the addresses have. */
    static byte[] ip(int protocol, String src, String dst, byte[] payload) {
        return src.contains(":") ? ipv6(protocol, src, dst, payload) : ipv4(protocol, src, dst, payload);
    }

    /** A 20-byte TCP header with the given flags, then {@code payload}. */
    static byte[] tcp(int srcPort, int dstPort, int flags, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putInt(1000).putInt(0)
                .putShort((short) (5 << 12 | flags)).putShort((short) 8192).putInt(0).put(payload);
        return b.array();
    }

    static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length)).putShort((short) 0)
                .put(payload);
        return b.array();
    }

    /** An SCTP common header (no chunks). */
    static byte[] sctp(int srcPort, int dstPort) {
        return ByteBuffer.allocate(12).putShort((short) srcPort).putShort((short) dstPort).putInt(1).putInt(0).array();
    }

    /** An 8-byte ICMP or ICMPv6 header. */
    static byte[] icmp(int type, int code) {
        return ByteBuffer.allocate(8).put((byte) type).put((byte) code).putShort((short) 0).putInt(0x0001_0001).array();
    }

    /** Ethernet II around {@code payload}. */
    static byte[] ethernet(int etherType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
        b.put(new byte[] { 0, 0x11, 0x22, 0x33, 0x44, 0x55 }).put(new byte[] { 0, 0x66, 0x77, (byte) 0x88, (byte) 0x99, 0x10 })
                .putShort((short) etherType).put(payload);
        return b.array();
    }

    /** A DNS query header (id 0x1a2b, one question) followed by {@code question} as given (raw wire bytes). */
    static byte[] dnsQuery(byte[] question) {
        ByteBuffer b = ByteBuffer.allocate(12 + question.length);
        b.putShort((short) 0x1a2b).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0).put(question);
        return b.array();
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer b = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            b.put(part);
        }
        return b.array();
    }
}
