package org.osprey.ui.export;

import java.util.List;

import org.osprey.core.PacketSummary;

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

    /** The list for one scope. */
    default List<PacketSummary> packets(ExportScope scope) {
        return switch (scope) {
            case ALL -> all();
            case DISPLAYED -> displayed();
            case SELECTED -> selected();
        };
    }
}
