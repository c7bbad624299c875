package org.osprey.ui;

import java.util.Arrays;

/**
 * A request, posted on the {@link org.eclipse.e4.core.services.events.IEventBroker event broker}, that the packet
 * table select these packets: the timeline sends the packets of a moment, the alerts view an alert's packets.
 * The table selects those it still holds, shows the first, and pauses the live view so that they stay on screen.
 *
 * @param sequences stream sequence numbers, ascending, at least one
 * @param origin    who asks, for the status line (e.g. "timeline")
 */
public record PacketSelection(long[] sequences, String origin) {

    /** The event topic; the event's data ({@code org.eclipse.e4.data}) is the {@code PacketSelection}. */
    public static final String TOPIC = "org/osprey/ui/packets/select";

    public PacketSelection {
        if (sequences.length == 0) {
            throw new IllegalArgumentException("no packets to select");
        }
        sequences = sequences.clone();
        Arrays.sort(sequences);
    }

    /** The packets with sequence numbers from {@code first} to {@code last}, both included. */
    public static PacketSelection range(long first, long last, String origin) {
        if (last < first) {
            throw new IllegalArgumentException("empty range " + first + ".." + last);
        }
        long[] sequences = new long[Math.toIntExact(last - first + 1)];
        for (int i = 0; i < sequences.length; i++) {
            sequences[i] = first + i;
        }
        return new PacketSelection(sequences, origin);
    }

    @Override
    public long[] sequences() {
        return sequences.clone();
    }

    public long first() {
        return sequences[0];
    }

    public int size() {
        return sequences.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PacketSelection selection && Arrays.equals(sequences, selection.sequences)
                && origin.equals(selection.origin);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sequences) + origin.hashCode();
    }

    @Override
    public String toString() {
        return "PacketSelection[" + sequences.length + " from " + sequences[0] + ", " + origin + "]";
    }
}
