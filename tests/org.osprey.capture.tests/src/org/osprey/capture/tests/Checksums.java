package org.osprey.capture.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.osprey.core.PacketSummary;
import org.osprey.core.SummaryDecoder;

/**
 * Checks IPv4, TCP, UDP and ICMP checksums of an Ethernet frame the way a receiver does: the ones' complement sum
 * over the covered bytes, checksum field included, must be 0xffff. Written here, apart from the generator's own code.
 */
final class Checksums {

    private Checksums() {
    }

    static void assertValid(PacketSummary p) {
        if (p.ipVersion() != 4) {
            return;
        }
        byte[] f = p.frame();
        int ip = 14;
        int headerLength = (f[ip] & 0x0f) * 4;
        assertEquals(0xffff, fold(sum(f, ip, headerLength)), () -> "IPv4 header checksum of " + p.info());
        int totalLength = (f[ip + 2] & 0xff) << 8 | (f[ip + 3] & 0xff);
        int l4 = ip + headerLength;
        int l4Length = totalLength - headerLength;
        switch (p.ipProtocol()) {
            case SummaryDecoder.IPPROTO_TCP, SummaryDecoder.IPPROTO_UDP -> {
                long pseudo = sum(f, ip + 12, 8) + p.ipProtocol() + l4Length;
                assertEquals(0xffff, fold(pseudo + sum(f, l4, l4Length)), () -> "transport checksum of " + p.info());
            }
            case SummaryDecoder.IPPROTO_ICMP ->
                assertEquals(0xffff, fold(sum(f, l4, l4Length)), () -> "ICMP checksum of " + p.info());
            default -> {
            }
        }
    }

    private static long sum(byte[] f, int off, int len) {
        long s = 0;
        for (int i = 0; i < len; i++) {
            int b = f[off + i] & 0xff;
            s += (i & 1) == 0 ? b << 8 : b;
        }
        return s;
    }

    private static int fold(long s) {
        while (s >> 16 != 0) {
            s = (s & 0xffff) + (s >> 16);
        }
        return (int) s;
    }
}
