package org.osprey.ui.timeline;

import java.util.Arrays;
import java.util.Objects;

/**
 * Something worth seeing at a moment of packet time, drawn on the timeline as a vertical mark: an alert (issue 5), or
 * anything else a bundle wants to point at. Clicking the mark selects its packets in the packet table.
 *
 * @param timestampNanos packet time of the moment (epoch nanoseconds, like {@code PacketSummary.timestampNanos()})
 * @param severity       how loud the mark is drawn
 * @param label          one line shown in the mark's tooltip
 * @param sequences      stream sequence numbers of the packets behind the mark, ascending (may be empty)
 */
public record TimelineMarker(long timestampNanos, Severity severity, String label, long[] sequences) {

    /** How serious a mark is; alerts map their severity onto these. */
    public enum Severity {
        LOW, MEDIUM, HIGH
    }

    public TimelineMarker {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(label, "label");
        sequences = sequences.clone();
        Arrays.sort(sequences);
    }

    @Override
    public long[] sequences() {
        return sequences.clone();
    }

    /**
     * The smallest sequence number of the mark's packets.
     *
     * @throws IllegalStateException when the mark names no packet
     */
    public long firstSequence() {
        if (sequences.length == 0) {
            throw new IllegalStateException("the mark names no packet: " + this);
        }
        return sequences[0];
    }

    /** Whether the mark names any packet to select. */
    public boolean hasPackets() {
        return sequences.length > 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TimelineMarker marker && timestampNanos == marker.timestampNanos
                && severity == marker.severity && label.equals(marker.label)
                && Arrays.equals(sequences, marker.sequences);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestampNanos, severity, label, Arrays.hashCode(sequences));
    }

    @Override
    public String toString() {
        return "TimelineMarker[" + severity + " at " + timestampNanos + ", " + label + ", " + sequences.length
                + " packets]";
    }
}
