package org.osprey.ui.export;

import java.util.ArrayList;
import java.util.List;

import org.osprey.core.PacketSummary;
import org.osprey.stream.PacketStream;

/**
 * What File > Export Packets exports from: the packet table gives its packets through this interface.
 * <p>
 * The part that shows packets puts itself into its own part context, {@code context.set(PacketExportSource.class,
 * this)}; the export handler then finds it in the active part's context, so the command is enabled only while such a
 * part is active. The lists are snapshots taken on the UI thread when the dialog opens, in the order the table shows
 * them; the export job reads them on a worker thread, which is safe because published packets never change.
 */
public interface PacketExportSource {

    /** Every packet held (the ring buffer), oldest first. */
    List<PacketSummary> all();

    /** The packets the table shows now (display filter applied). */
    List<PacketSummary> displayed();

    /** The selected packets, in table order; empty when nothing is selected. */
    List<PacketSummary> selected();

    /**
     * Every packet the stream's ring holds now, oldest first: what {@link #all()} usually returns. Packets the
     * publisher overwrites while this copies are skipped (the copy starts again at the new oldest).
     */
    static List<PacketSummary> heldBy(PacketStream stream) {
        long from = stream.oldestSequence();
        long end = stream.nextSequence();
        List<PacketSummary> packets = new ArrayList<>((int) Math.min(end - from, stream.ringCapacity()));
        PacketSummary[] chunk = new PacketSummary[4096];
        while (from < end) {
            int n = stream.read(from, chunk);
            if (n == 0) {
                break;
            }
            for (int i = 0; i < n && chunk[i].sequence() < end; i++) {
                packets.add(chunk[i]);
            }
            from = chunk[n - 1].sequence() + 1;
        }
        return packets;
    }

    /** The list for one scope. */
    default List<PacketSummary> packets(ExportScope scope) {
        return switch (scope) {
            case ALL -> all();
            case DISPLAYED -> displayed();
            case SELECTED -> selected();
        };
    }
}
