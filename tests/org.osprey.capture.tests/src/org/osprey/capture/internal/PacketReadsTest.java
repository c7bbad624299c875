package org.osprey.capture.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.TimestampPrecision;

/**
 * The direct pcap_next_ex read (which reads libpcap's packet header itself) agrees with pcap4j's public read on the
 * same packets: bytes, wire length and timestamp. Two handles on lo see the same datagrams.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PacketReadsTest {

    @Test
    void directReadsAgreeWithPcap4jsPublicReads() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                DatagramSocket sender = new DatagramSocket()) {
            String filter = "udp and dst port " + receiver.getLocalPort();
            PcapHandle first = open(filter);
            PcapHandle second = open(filter);
            try {
                PacketReads direct = PacketReads.of(first);
                PacketReads pcap4j = new PacketReads.Public(second);
                assertEquals("Direct", direct.getClass().getSimpleName(), "pcap4j 1.8 allows the direct read");
                for (int i = 0; i < 20; i++) {
                    byte[] payload = new byte[100 + i * 37];
                    payload[0] = (byte) i;
                    sender.send(new DatagramPacket(payload, payload.length, receiver.getLocalSocketAddress()));
                }
                for (int i = 0; i < 20; i++) {
                    byte[] a = next(direct), b = next(pcap4j);
                    assertArrayEquals(b, a, "packet " + i);
                    assertEquals(pcap4j.wireLength(), direct.wireLength());
                    assertEquals(a.length, direct.wireLength());
                    assertTrue(Math.abs(pcap4j.timestampNanos() - direct.timestampNanos()) < 1_000_000,
                            "the same kernel timestamp: " + pcap4j.timestampNanos() + " vs " + direct.timestampNanos());
                    long now = System.currentTimeMillis() * 1_000_000L;
                    assertTrue(Math.abs(now - direct.timestampNanos()) < 60_000_000_000L, "a timestamp of now");
                }
            } finally {
                first.close();
                second.close();
            }
        }
    }

    private static PcapHandle open(String filter) throws Exception {
        PcapHandle handle = new PcapHandle.Builder("lo").snaplen(65_536).timeoutMillis(1)
                .timestampPrecision(TimestampPrecision.NANO).build();
        handle.setFilter(filter, BpfCompileMode.OPTIMIZE);
        return handle;
    }

    private static byte[] next(PacketReads reads) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        byte[] frame;
        while ((frame = reads.next()) == null && System.nanoTime() < deadline) {
            // read timeout: try again
        }
        assertNotNull(frame, "a packet within 10 s");
        return frame;
    }
}
