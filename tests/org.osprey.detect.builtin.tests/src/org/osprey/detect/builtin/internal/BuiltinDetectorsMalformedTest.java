package org.osprey.detect.builtin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.osprey.detect.Detector;
import org.osprey.detect.engine.DetectorStatus;
import org.osprey.detect.builtin.internal.arp.ArpScanDetector;
import org.osprey.detect.builtin.internal.arp.ArpSpoofDetector;
import org.osprey.detect.builtin.internal.auth.BruteForceDetector;
import org.osprey.detect.builtin.internal.auth.CleartextCredentialsDetector;
import org.osprey.detect.builtin.internal.beacon.BeaconDetector;
import org.osprey.detect.builtin.internal.dns.DnsTunnelDetector;
import org.osprey.detect.builtin.internal.flood.IcmpFloodDetector;
import org.osprey.detect.builtin.internal.flood.SynFloodDetector;
import org.osprey.detect.builtin.internal.scan.PingSweepDetector;
import org.osprey.detect.builtin.internal.scan.PortScanDetector;
import org.osprey.detect.replay.DetectorReplay;

/**
 * Truncated, corrupt and exotic captures (the corpus's malformed/ folder, from a decoder regression suite): every
 * built-in detector reads headers, payloads and DNS names at offsets the decoder gives, so none may throw, whatever
 * the bytes. A detector that threw would be quarantined by the engine with the reason.
 */
class BuiltinDetectorsMalformedTest {

    @Test
    void noDetectorThrowsOnMalformedCaptures() throws IOException {
        List<Detector> detectors = List.of(new PortScanDetector(), new PingSweepDetector(), new ArpScanDetector(),
                new ArpSpoofDetector(), new SynFloodDetector(), new IcmpFloodDetector(), new DnsTunnelDetector(),
                new CleartextCredentialsDetector(), new BruteForceDetector(), new BeaconDetector());
        List<Path> captures;
        try (Stream<Path> files = Files.list(Replays.corpus("pcaps/malformed"))) {
            captures = files.filter(Files::isRegularFile).sorted().toList();
        }
        assertTrue(captures.size() > 400, "the corpus has 415 malformed captures, found " + captures.size());
        List<String> quarantined = new ArrayList<>();
        long packets = 0;
        int readable = 0;
        for (Path capture : captures) {
            DetectorReplay.Result result;
            try {
                result = DetectorReplay.of(detectors).withoutHygiene().run(capture);
            } catch (IOException notACapture) {
                continue; // the reader refused the file with a clear error: nothing reached the detectors
            }
            readable++;
            packets += result.packets();
            for (DetectorStatus status : result.detectors()) {
                if (status.state() != DetectorStatus.State.ACTIVE) {
                    quarantined.add(capture.getFileName() + ": " + status.id() + " " + status.reason());
                }
            }
        }
        System.out.printf("malformed: %d captures, %d readable, %d packets inspected%n", captures.size(), readable,
                packets);
        assertTrue(packets > 0);
        assertEquals(List.of(), quarantined);
    }
}
