package org.osprey.transport.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.capture.CaptureSource;
import org.osprey.capture.LiveCaptureOptions;
import org.osprey.capture.internal.CaptureSourcesImpl;
import org.osprey.core.PacketSummary;
import org.osprey.core.SummaryDecoder;
import org.osprey.transport.protocol.Channel;
import org.osprey.transport.protocol.Encoding;
import org.osprey.transport.protocol.PacketRecord;

/**
 * The whole agent path with real capture: datagrams this test sends to itself on 127.0.0.1 are captured live on
 * {@code lo} with a BPF filter into the agent's stream and arrive at a subscribed client over TLS intact, in order,
 * with their capture timestamps. Needs CAP_NET_RAW (the tests run as root).
 */
class LiveCaptureEndToEndTest {

    private static final int DATAGRAMS = 300;
    private static final long MARKER = 0x4F53505245590000L; // "OSPREY\0\0"

    @TempDir
    Path state;

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void capturedTrafficReachesTheClientIntactAndInOrder(Encoding encoding) throws Exception {
        try (ServerFixture agent = new ServerFixture(state, 100_000);
                DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                DatagramSocket sender = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            int port = receiver.getLocalPort();
            CaptureSource capture = new CaptureSourcesImpl()
                    .live(LiveCaptureOptions.on("lo").filter("udp and dst port " + port).build(), agent.stream);
            capture.start();
            try {
                WssTestPeer client = agent.subscribed(encoding, "udp.dstport == " + port, null, Channel.PACKETS);
                long before = System.currentTimeMillis() * 1_000_000L;
                for (int i = 0; i < DATAGRAMS; i++) {
                    byte[] payload = ByteBuffer.allocate(16).putLong(MARKER).putLong(i).array();
                    sender.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), port));
                }
                List<PacketRecord> records = AgentServerStreamingTest.receive(client, DATAGRAMS);
                long after = System.currentTimeMillis() * 1_000_000L + 1_000_000L;

                List<Long> ids = new ArrayList<>();
                for (PacketRecord record : records) {
                    PacketSummary packet = SummaryDecoder.decode(record.frame(), record.linkType(),
                            record.timestampNanos(), record.wireLength());
                    assertEquals(port, packet.dstPort());
                    assertEquals(sender.getLocalPort(), packet.srcPort());
                    assertEquals(16, packet.payloadLength());
                    ByteBuffer payload = ByteBuffer.wrap(record.frame(), packet.payloadOffset(), 16);
                    assertEquals(MARKER, payload.getLong(), "payload intact");
                    ids.add(payload.getLong());
                    assertTrue(record.timestampNanos() >= before - 1_000_000L && record.timestampNanos() <= after,
                            "capture timestamp " + record.timestampNanos() + " within the test's sending window");
                }
                for (int i = 0; i < DATAGRAMS; i++) {
                    assertEquals(i, ids.get(i), "in the order sent");
                }
            } finally {
                capture.stop();
            }
        }
    }
}
