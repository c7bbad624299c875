package org.osprey.agent.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osprey.core.PacketSummary;
import org.osprey.core.Protocol;
import org.osprey.detect.engine.DetectorStatus;

/** Counts what a capture holds, packet by packet, without keeping the packets. */
final class CaptureSummary {

    private String format = "?";
    private long fileSize;
    private long packets;
    private long wireBytes;
    private long capturedBytes;
    private long firstNanos = Long.MAX_VALUE;
    private long lastNanos = Long.MIN_VALUE;
    private long truncated;
    private long malformed;
    private long unknownLink;
    private final long[] protocolCounts = new long[Protocol.values().length];
    private final Map<Integer, Long> linkTypes = new TreeMap<>();

    void setFormat(String format, long fileSize) {
        this.format = format;
        this.fileSize = fileSize;
    }

    void add(PacketSummary p) {
        packets++;
        wireBytes += p.wireLength();
        capturedBytes += p.capturedLength();
        firstNanos = Math.min(firstNanos, p.timestampNanos());
        lastNanos = Math.max(lastNanos, p.timestampNanos());
        protocolCounts[p.protocol().ordinal()]++;
        if (p.hasFlag(PacketSummary.FLAG_TRUNCATED)) {
            truncated++;
        }
        if (p.hasFlag(PacketSummary.FLAG_MALFORMED)) {
            malformed++;
        }
        if (p.hasFlag(PacketSummary.FLAG_UNKNOWN_LINK)) {
            unknownLink++;
        }
        linkTypes.merge(p.linkType(), 1L, Long::sum);
    }

    long packets() {
        return packets;
    }

    void print(Path file, PrintStream out) {
        out.printf("File:          %s (%s, %,d bytes)%n", file, format, fileSize);
        out.printf("Packets:       %,d%n", packets);
        out.printf("Bytes:         %,d on the wire, %,d captured%n", wireBytes, capturedBytes);
        if (packets > 0) {
            double duration = (lastNanos - firstNanos) / 1e9;
            out.printf("First packet:  %s%n", instant(firstNanos));
            out.printf("Last packet:   %s%n", instant(lastNanos));
            out.printf("Duration:      %.6f s%n", duration);
            if (duration > 0) {
                out.printf("Average rate:  %,.1f packets/s, %,.0f bits/s%n", packets / duration, wireBytes * 8 / duration);
            }
        }
        out.print("Link types:   ");
        linkTypes.forEach((type, count) -> out.printf(" %d (%,d)", type, count));
        out.println();
        out.println("Protocols:");
        Map<Protocol, Long> sorted = new EnumMap<>(Protocol.class);
        for (Protocol protocol : Protocol.values()) {
            if (protocolCounts[protocol.ordinal()] > 0) {
                sorted.put(protocol, protocolCounts[protocol.ordinal()]);
            }
        }
        sorted.entrySet().stream()
                .sorted(Map.Entry.<Protocol, Long>comparingByValue().reversed())
                .forEach(e -> out.printf("  %-10s %,12d  %5.1f%%%n", e.getKey().label(), e.getValue(),
                        100.0 * e.getValue() / packets));
        out.printf("Decode errors: %,d truncated, %,d malformed, %,d of unknown link type%n", truncated, malformed,
                unknownLink);
    }

    /**
     * Each detector's counters: packets its filter let through, alerts shown and held back by hygiene, time spent
     * (its filter over every packet, its inspector, its time advances) in total and per packet of the file, the
     * measure of the engine's slow-detector budget.
     */
    void printDetectors(List<DetectorStatus> detectors, long alertsPrinted, PrintStream out) {
        out.printf("Alerts:        %,d%n", alertsPrinted);
        out.printf("Detectors:     %d%n", detectors.size());
        if (detectors.isEmpty()) {
            return;
        }
        out.printf("  %-28s %-11s %12s %8s %10s %9s %9s%n", "detector", "state", "packets", "alerts", "suppressed",
                "time ms", "ns/packet");
        for (DetectorStatus detector : detectors) {
            out.printf("  %-28s %-11s %,12d %,8d %,10d %,9.1f %9.0f%n", detector.id(),
                    detector.state().name().toLowerCase(java.util.Locale.ROOT), detector.packetsSeen(),
                    detector.alertsRaised() - detector.alertsSuppressed(), detector.alertsSuppressed(),
                    detector.nanosSpent() / 1e6, detector.nanosSpent() / (double) Math.max(1, packets));
            if (detector.reason() != null) {
                out.println("    " + detector.reason());
            }
        }
    }

    private static String instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)).toString();
    }
}
