package org.osprey.capture.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.osprey.capture.CaptureSource;
import org.osprey.capture.CaptureState;
import org.osprey.capture.GeneratorOptions;
import org.osprey.capture.LiveCaptureOptions;
import org.osprey.capture.ReplayOptions;
import org.osprey.stream.PacketStream;

/** What every source shares (states, listeners, start once) and the options' checks. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LifecycleAndOptionsTest {

    @Test
    void listenersSeeRunningThenTheEndAndASourceStartsOnlyOnce() throws Exception {
        PacketStream stream = Services.stream();
        CaptureSource source = Services.captureSources().generator(GeneratorOptions.withSeed(1).unlimitedRate()
                .packetLimit(1000).build(), stream);
        List<CaptureState> seen = new CopyOnWriteArrayList<>();
        source.addStateListener((s, state) -> seen.add(state));
        assertEquals(CaptureState.CREATED, source.state());
        source.start();
        assertTrue(source.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(List.of(CaptureState.RUNNING, CaptureState.FINISHED), seen);
        IllegalStateException again = assertThrows(IllegalStateException.class, source::start);
        assertTrue(again.getMessage().contains("started before"), again.getMessage());
        source.stop(); // after the end: nothing happens
        assertEquals(CaptureState.FINISHED, source.state());
    }

    @Test
    void aSourceThatCannotStartTellsItsListenersItFailed() throws Exception {
        CaptureSource source = Services.captureSources().replay(ReplayOptions.of(Path.of("/nonexistent/x.pcap"))
                .build(), Services.stream());
        List<CaptureState> seen = new CopyOnWriteArrayList<>();
        source.addStateListener((s, state) -> seen.add(state));
        assertThrows(org.osprey.capture.CaptureException.class, source::start);
        assertEquals(List.of(CaptureState.FAILED), seen);
        assertTrue(source.awaitTermination(0, TimeUnit.SECONDS));
    }

    @Test
    void aSourceStoppedBeforeItStartedNeverRuns() throws Exception {
        CaptureSource source = Services.captureSources().replay(
                ReplayOptions.of(Corpus.capture("scan/NULL_SCAN.pcap")).build(), Services.stream());
        source.stop();
        assertEquals(CaptureState.STOPPED, source.state());
        assertTrue(source.awaitTermination(0, TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, source::start);
        assertEquals(0, source.counters().captured());
    }

    @Test
    void optionsOutOfRangeAreRefusedSayingWhichAndWhy() {
        assertMessage(() -> LiveCaptureOptions.on("lo").snapLength(0).build(), "snap length must be 1 to 262144, not 0");
        assertMessage(() -> LiveCaptureOptions.on(" ").build(), "the interface name is empty");
        assertMessage(() -> LiveCaptureOptions.on("lo").bufferBytes(1024).build(), "at least 65536 bytes, not 1024");
        assertMessage(() -> ReplayOptions.of(Path.of("x.pcap")).speed(0).build(),
                "replay speed must be greater than 0, not 0.0");
        assertMessage(() -> ReplayOptions.of(Path.of("x.pcap")).repetitions(-1).build(), "not -1");
        assertMessage(() -> GeneratorOptions.withSeed(1).packetsPerSecond(-5).build(),
                "packet rate must be 0 (unlimited) or more, not -5");
        assertMessage(() -> GeneratorOptions.withSeed(1).attackEveryPackets(0).build(), "at least 1 packet, not 0");
    }

    @Test
    void descriptionsSayWhatASourceDoes() throws Exception {
        PacketStream stream = Services.stream();
        String live = Services.captureSources().live(LiveCaptureOptions.on("lo").filter("tcp port 443")
                .promiscuous(false).build(), stream).description();
        assertTrue(live.contains("lo") && live.contains("'tcp port 443'") && live.contains("not promiscuous"), live);
        String generator = Services.captureSources().generator(GeneratorOptions.withSeed(9).packetsPerSecond(5000)
                .build(), stream).description();
        assertTrue(generator.contains("seed 9") && generator.contains("5000 packets/s"), generator);
    }

    private static void assertMessage(Executable makeOptions, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, makeOptions);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
