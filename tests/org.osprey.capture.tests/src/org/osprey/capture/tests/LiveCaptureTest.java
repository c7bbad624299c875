package org.osprey.capture.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.osprey.capture.CaptureException;
import org.osprey.capture.CaptureSource;
import org.osprey.capture.CaptureSources;
import org.osprey.capture.CaptureState;
import org.osprey.capture.LiveCaptureOptions;
import org.osprey.capture.NetworkInterfaceInfo;
import org.osprey.core.PacketSummary;
import org.osprey.core.SummaryDecoder;
import org.osprey.stream.PacketStream;

/**
 * Real capture on the loopback interface (the tests run as root, as CI does) of UDP datagrams the test itself sends
 * to 127.0.0.1.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveCaptureTest {

    private static final int DATAGRAMS = 300;

    private CaptureSources sources;
    private PacketStream stream;

    @BeforeEach
    void services() throws Exception {
        sources = Services.captureSources();
        stream = Services.stream();
    }

    @Test
    void loopbackIsListedWithItsAddress() throws Exception {
        List<NetworkInterfaceInfo> interfaces = sources.interfaces();
        NetworkInterfaceInfo lo = interfaces.stream().filter(i -> i.name().equals("lo")).findFirst()
                .orElseThrow(() -> new AssertionError("no lo among " + interfaces));
        assertTrue(lo.loopback(), lo.describe());
        assertTrue(lo.up(), lo.describe());
        assertTrue(lo.addresses().contains("127.0.0.1"), lo.describe());
    }

    @Test
    void datagramsSentToLoopbackArriveInOrderIntactWithCaptureTimestamps() throws Exception {
        captureDatagrams(LiveCaptureOptions.on("lo"));
    }

    /** Immediate mode hands each packet over on its own; a small snap length gives its frame ring room on lo. */
    @Test
    void inImmediateModeToo() throws Exception {
        captureDatagrams(LiveCaptureOptions.on("lo").immediate(true).snapLength(2048));
    }

    private void captureDatagrams(LiveCaptureOptions.Builder options) throws Exception {
        try (DatagramSocket wanted = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                DatagramSocket other = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                DatagramSocket sender = new DatagramSocket()) {
            int port = wanted.getLocalPort();
            CaptureSource capture = sources.live(options.filter("udp and dst port " + port).build(), stream);
            long mark = Services.mark(stream);
            capture.start();
            try {
                assertEquals(List.of(SummaryDecoder.LINKTYPE_ETHERNET), capture.linkTypes());
                long before = Services.epochNanos();
                byte[][] sent = new byte[DATAGRAMS][];
                for (int i = 0; i < DATAGRAMS; i++) {
                    sent[i] = ("osprey live capture test " + i + " " + "x".repeat(i % 97)).getBytes(StandardCharsets.US_ASCII);
                    sender.send(new DatagramPacket(sent[i], sent[i].length, wanted.getLocalSocketAddress()));
                    // traffic to another port that the filter must keep out
                    byte[] noise = ("noise " + i).getBytes(StandardCharsets.US_ASCII);
                    sender.send(new DatagramPacket(noise, noise.length, other.getLocalSocketAddress()));
                }
                long after = Services.epochNanos();
                waitForCaptured(capture, DATAGRAMS);
                capture.stop();
                assertEquals(CaptureState.STOPPED, capture.state());
                assertNull(capture.failure());

                List<PacketSummary> captured = Services.since(stream, mark);
                assertEquals(DATAGRAMS, captured.size(), "every datagram to port " + port + " and nothing else");
                for (int i = 0; i < DATAGRAMS; i++) {
                    PacketSummary p = captured.get(i);
                    assertEquals(port, p.dstPort(), "packet " + i);
                    assertEquals(SummaryDecoder.IPPROTO_UDP, p.ipProtocol());
                    byte[] payload = Arrays.copyOfRange(p.frame(), p.payloadOffset(),
                            p.payloadOffset() + p.payloadLength());
                    assertArrayEquals(sent[i], payload, "packet " + i + " arrives in order with its payload intact");
                    assertTrue(p.timestampNanos() >= before - 1_000_000 && p.timestampNanos() <= after + 1_000_000,
                            "packet " + i + " timestamp " + Instant.ofEpochSecond(0, p.timestampNanos())
                                    + " is inside the capture window " + Instant.ofEpochSecond(0, before) + " .. "
                                    + Instant.ofEpochSecond(0, after));
                    if (i > 0) {
                        assertTrue(p.timestampNanos() >= captured.get(i - 1).timestampNanos(), "timestamps increase");
                    }
                }
                assertEquals(DATAGRAMS, capture.counters().captured());
            } finally {
                capture.stop();
            }
        }
    }

    /** Linux's "any" pseudo-interface delivers Linux cooked frames (LINKTYPE_LINUX_SLL), which decode the same way. */
    @Test
    void theAnyInterfaceCapturesCookedFramesThatDecode() throws Exception {
        try (DatagramSocket wanted = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                DatagramSocket sender = new DatagramSocket()) {
            int port = wanted.getLocalPort();
            CaptureSource capture = sources.live(LiveCaptureOptions.on("any").filter("udp and dst port " + port)
                    .build(), stream);
            long mark = Services.mark(stream);
            capture.start();
            try {
                assertEquals(List.of(SummaryDecoder.LINKTYPE_LINUX_SLL), capture.linkTypes());
                byte[] payload = "cooked".getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 10; i++) {
                    sender.send(new DatagramPacket(payload, payload.length, wanted.getLocalSocketAddress()));
                }
                waitForCaptured(capture, 10);
            } finally {
                capture.stop();
            }
            List<PacketSummary> captured = Services.since(stream, mark);
            assertEquals(10, captured.size(), "each datagram once");
            for (PacketSummary p : captured) {
                assertEquals(port, p.dstPort());
                assertEquals(0x7f000001, p.dstIp4());
                assertEquals("cooked", new String(p.frame(), p.payloadOffset(), p.payloadLength(),
                        StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void aBadCaptureFilterIsRefusedNamingTheFilterAndPcapsReason() throws Exception {
        String filter = "udp port and tcp";
        CaptureSource capture = sources.live(LiveCaptureOptions.on("lo").filter(filter).build(), stream);
        CaptureException e = assertThrows(CaptureException.class, capture::start);
        assertEquals(CaptureException.Reason.BAD_FILTER, e.reason());
        assertTrue(e.getMessage().contains("'" + filter + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("syntax error"), "libpcap's own reason is kept: " + e.getMessage());
        assertEquals(CaptureState.FAILED, capture.state());
        assertEquals(e, capture.failure());
    }

    @Test
    void aMissingInterfaceIsRefusedListingTheOnesThatExist() throws Exception {
        CaptureSource capture = sources.live(LiveCaptureOptions.on("osprey-nonexistent0").build(), stream);
        CaptureException e = assertThrows(CaptureException.class, capture::start);
        assertEquals(CaptureException.Reason.NO_SUCH_INTERFACE, e.reason());
        assertTrue(e.getMessage().contains("'osprey-nonexistent0'"), e.getMessage());
        assertTrue(e.getMessage().contains("lo (up, loopback"), "the available interfaces are listed: " + e.getMessage());
    }

    /** An interface that exists but is down (the test makes a veth pair, left down, and removes it afterwards). */
    @Test
    void anInterfaceThatIsDownIsRefusedSayingHowToBringItUp() throws Exception {
        String name = "ospreydown0";
        run("ip", "link", "add", name, "type", "veth", "peer", "name", name + "p");
        try {
            CaptureSource capture = sources.live(LiveCaptureOptions.on(name).build(), stream);
            CaptureException e = assertThrows(CaptureException.class, capture::start);
            assertEquals(CaptureException.Reason.CAPTURE_FAILED, e.reason());
            assertTrue(e.getMessage().contains("not up") && e.getMessage().contains("sudo ip link set " + name + " up"),
                    e.getMessage());
        } finally {
            run("ip", "link", "delete", name);
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }

    /**
     * Capabilities are per thread on Linux: this thread gives up CAP_NET_RAW and CAP_NET_ADMIN from its effective set
     * (keeping them permitted, to take them back afterwards), and opening the capture, which happens on the calling
     * thread, meets the real "Operation not permitted" of the kernel.
     */
    @Test
    void withoutCapNetRawTheErrorSaysWhichPermissionAndHowToGrantIt() throws Exception {
        CaptureSource capture = sources.live(LiveCaptureOptions.on("lo").build(), stream);
        CaptureException e;
        try (ThreadCapabilities dropped = ThreadCapabilities.dropNetworkCapabilities()) {
            e = assertThrows(CaptureException.class, capture::start);
        }
        assertEquals(CaptureException.Reason.PERMISSION_DENIED, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("CAP_NET_RAW"), e.getMessage());
        assertTrue(e.getMessage().contains("sudo setcap cap_net_raw,cap_net_admin=eip /"), e.getMessage());
        assertTrue(e.getMessage().contains("or run as root"), e.getMessage());
        assertTrue(e.getMessage().contains("Operation not permitted"), "the system's words are kept: " + e.getMessage());
    }

    @Test
    void stopEndsAnIdleCaptureAtOnce() throws Exception {
        // immediate mode waits for packets without a timeout: stop must wake it
        CaptureSource capture = sources.live(LiveCaptureOptions.on("lo").filter("udp port 9").build(), stream);
        capture.start();
        assertEquals(CaptureState.RUNNING, capture.state());
        capture.stop();
        assertTrue(capture.awaitTermination(10, TimeUnit.SECONDS), "the capture thread ended");
        assertEquals(CaptureState.STOPPED, capture.state());
    }

    private static void waitForCaptured(CaptureSource capture, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (capture.counters().captured() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
