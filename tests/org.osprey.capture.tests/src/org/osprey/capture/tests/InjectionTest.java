package org.osprey.capture.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.osprey.capture.CaptureException;
import org.osprey.capture.CaptureSource;
import org.osprey.capture.CaptureSources;
import org.osprey.capture.GeneratorOptions;
import org.osprey.capture.LiveCaptureOptions;
import org.osprey.capture.TrafficInjector;
import org.osprey.capture.internal.generator.TrafficGenerator;
import org.osprey.core.PacketSummary;
import org.osprey.stream.PacketStream;

/** Generator traffic sent on the loopback interface and captured there live: the whole way over a real link. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InjectionTest {

    /** Every frame of the generator's site, and nothing of the 127.0.0.1 traffic other tests make. */
    private static final String SITE_FILTER = "arp or net 192.168.10.0/24";

    @Test
    void injectedGeneratorFramesAreCapturedInOrderByteForByte() throws Exception {
        CaptureSources sources = Services.captureSources();
        PacketStream stream = Services.stream();
        GeneratorOptions options = GeneratorOptions.withSeed(21).packetsPerSecond(5000).attackEveryPackets(500)
                .packetLimit(3000).build();
        CaptureSource capture = sources.live(LiveCaptureOptions.on("lo").filter(SITE_FILTER).snapLength(2048)
                .build(), stream);
        long mark = Services.mark(stream);
        capture.start();
        try (TrafficInjector injector = sources.injector(options, "lo")) {
            injector.start();
            assertTrue(injector.awaitTermination(30, TimeUnit.SECONDS), "the injector sends its 3000 frames");
            assertNull(injector.failure());
            assertEquals(3000, injector.sent() + injector.tooLong());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (capture.counters().captured() < injector.sent() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            capture.stop();
        }
        List<PacketSummary> captured = Services.since(stream, mark);
        assertEquals(0, capture.counters().kernelDrops());
        // lo is shared: another test may inject generator traffic at the same time, so look for ours in order
        // among what was captured, skipping frames that are not ours
        TrafficGenerator same = new TrafficGenerator(options);
        int found = 0;
        byte[] expected = same.nextFrame();
        for (PacketSummary p : captured) {
            if (found < 3000 && Arrays.equals(expected, p.frame())) {
                found++;
                expected = same.nextFrame();
            }
        }
        assertEquals(3000, found, "every injected frame captured byte for byte, in order (of " + captured.size()
                + " captured)");
    }

    /**
     * A capture that cannot keep up loses packets in the kernel, and says so: immediate mode with the smallest
     * buffer has one or two frame slots on lo, and a burst as fast as the injector can send overflows them.
     */
    @Test
    void packetsTheKernelDropsAreCounted() throws Exception {
        CaptureSources sources = Services.captureSources();
        CaptureSource capture = sources.live(LiveCaptureOptions.on("lo").filter(SITE_FILTER).immediate(true)
                .bufferBytes(65_536).build(), Services.stream());
        capture.start();
        try (TrafficInjector injector = sources.injector(GeneratorOptions.withSeed(8).unlimitedRate()
                .packetLimit(5000).build(), "lo")) {
            injector.start();
            assertTrue(injector.awaitTermination(30, TimeUnit.SECONDS));
            assertEquals(5000, injector.sent());
        } finally {
            capture.stop();
        }
        assertTrue(capture.counters().kernelDrops() > 0, capture.counters().toString());
        assertTrue(capture.counters().captured() < 5000, capture.counters().toString());
    }

    @Test
    void injectingIsRefusedOnAnInterfaceThatIsNotLoopback() throws Exception {
        String real = Services.captureSources().interfaces().stream().filter(i -> !i.loopback()).findFirst()
                .orElseThrow().name();
        TrafficInjector injector = Services.captureSources().injector(GeneratorOptions.withSeed(1).build(), real);
        CaptureException e = assertThrows(CaptureException.class, injector::start);
        assertEquals(CaptureException.Reason.BAD_OPTIONS, e.reason());
        assertTrue(e.getMessage().contains("only be sent on a loopback interface") && e.getMessage().contains(real),
                e.getMessage());
        assertEquals(0, injector.sent());
    }

    @Test
    void injectingOnAMissingInterfaceIsRefusedListingTheOnesThatExist() throws Exception {
        TrafficInjector injector = Services.captureSources().injector(GeneratorOptions.withSeed(1).build(),
                "osprey-nonexistent1");
        CaptureException e = assertThrows(CaptureException.class, injector::start);
        assertEquals(CaptureException.Reason.NO_SUCH_INTERFACE, e.reason());
        assertTrue(e.getMessage().contains("lo (up, loopback"), e.getMessage());
    }
}
