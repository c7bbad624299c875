package org.osprey.core.detail;

import java.util.List;

/**
 * One line of the packet detail tree: a label and the bytes of the frame it describes, for highlighting them in the
 * hex dump.
 *
 * @param label the text shown, e.g. "Source Port: 443"
 * @param offset index of the first frame byte the line describes, or -1 when it describes no particular bytes
 * @param length number of frame bytes described (0 when {@code offset} is -1)
 * @param children the lines below this one (unmodifiable, empty for a leaf)
 */
public record DetailNode(String label, int offset, int length, List<DetailNode> children) {

    public DetailNode {
        children = List.copyOf(children);
    }

    /** A leaf covering no particular bytes. */
    public static DetailNode text(String label) {
        return new DetailNode(label, -1, 0, List.of());
    }

    /** A leaf covering {@code length} bytes from {@code offset}. */
    public static DetailNode leaf(String label, int offset, int length) {
        return new DetailNode(label, offset, length, List.of());
    }
}
