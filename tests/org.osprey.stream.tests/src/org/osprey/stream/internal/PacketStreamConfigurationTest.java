package org.osprey.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;

/** The component's configuration: {@code ring.capacity} on activation and changed live through @Modified. */
class PacketStreamConfigurationTest {

    @Test
    void activationReadsTheRingCapacityInAnyReasonableForm() {
        PacketStreamImpl stream = new PacketStreamImpl();
        stream.activate(Map.of(PacketStreamImpl.RING_CAPACITY_PROPERTY, 1234));
        assertEquals(1234, stream.ringCapacity());
        stream.activate(Map.of(PacketStreamImpl.RING_CAPACITY_PROPERTY, "77"));
        assertEquals(77, stream.ringCapacity());
        stream.activate(Map.of());
        assertEquals(PacketStreamImpl.DEFAULT_RING_CAPACITY, stream.ringCapacity());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> stream.activate(Map.of(PacketStreamImpl.RING_CAPACITY_PROPERTY, "lots")));
        assertEquals("ring.capacity must be a whole number, not 'lots'", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> stream.activate(Map.of(PacketStreamImpl.RING_CAPACITY_PROPERTY, 0L)));
    }

    @Test
    void modifiedCapacityIsAppliedByThePublisherKeepingTheNewestPackets() throws IOException {
        List<PacketSummary> packets = packets();
        PacketStreamImpl stream = new PacketStreamImpl(100);
        for (int i = 0; i < 80; i++) {
            stream.publish(packets.get(i));
        }
        stream.modified(Map.of(PacketStreamImpl.RING_CAPACITY_PROPERTY, 50));
        stream.publish(packets.get(80)); // the publisher applies the new capacity
        assertEquals(50, stream.ringCapacity());
        assertEquals(31, stream.oldestSequence());
        assertEquals(50, stream.ringSize());
        assertNull(stream.get(30));
        assertSame(packets.get(31), stream.get(31));
        assertEquals(31, stream.statistics().ringEvicted(), "30 dropped by the shrink, 1 by the publish after it");
        stream.modified(Map.of(PacketStreamImpl.RING_CAPACITY_PROPERTY, 200));
        for (int i = 81; i < packets.size() && i < 300; i++) {
            stream.publish(packets.get(i));
        }
        assertEquals(200, stream.ringCapacity());
        assertEquals(200, stream.ringSize());
        PacketSummary[] dst = new PacketSummary[300];
        int n = stream.read(0, dst);
        assertEquals(200, n);
        for (int i = 0; i < n; i++) {
            assertSame(packets.get(100 + i), dst[i]);
        }
    }

    private static List<PacketSummary> packets() throws IOException {
        Path capture = null;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && capture == null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpus/pcaps/scan/TCP_SYN_SCAN.pcap");
            if (Files.isRegularFile(candidate)) {
                capture = candidate;
            }
        }
        String configured = System.getProperty("osprey.corpus");
        if (configured != null && !configured.isBlank()) {
            capture = Path.of(configured, "pcaps/scan/TCP_SYN_SCAN.pcap");
        }
        if (capture == null) {
            throw new IllegalStateException("no shared/corpus found; set -Dosprey.corpus");
        }
        List<PacketSummary> packets = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            for (PacketSummary p = reader.next(); p != null; p = reader.next()) {
                packets.add(p);
            }
        }
        return packets;
    }
}
