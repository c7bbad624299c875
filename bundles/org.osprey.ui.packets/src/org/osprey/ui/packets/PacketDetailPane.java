package org.osprey.ui.packets;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.osprey.core.PacketSummary;
import org.osprey.core.detail.DetailNode;
import org.osprey.core.detail.HexDump;
import org.osprey.core.detail.PacketDetails;

/**
 * The selected packet in full: a tree of its layers and fields ({@link PacketDetails}) and a hex dump of the frame
 * ({@link HexDump}); selecting a line of the tree highlights the bytes it describes in the dump. The two widgets are
 * added to the given parent (a SashForm) one below the other.
 */
public final class PacketDetailPane {

    private final Tree tree;
    private final StyledText hexDump;
    private PacketSummary packet;

    PacketDetailPane(Composite parent) {
        tree = new Tree(parent, SWT.SINGLE | SWT.BORDER);
        tree.addListener(SWT.Selection, event -> highlightSelectedNode());
        hexDump = new StyledText(parent, SWT.READ_ONLY | SWT.MULTI | SWT.H_SCROLL | SWT.V_SCROLL | SWT.BORDER);
        hexDump.setFont(JFaceResources.getTextFont());
    }

    /** Shows this packet's layers and bytes (decoded now, on the UI thread: one packet is quick). */
    void show(PacketSummary shown) {
        this.packet = shown;
        tree.setRedraw(false);
        try {
            tree.removeAll();
            List<DetailNode> layers;
            try {
                layers = PacketDetails.decode(shown);
            } catch (RuntimeException e) {
                // a frame the full decoder chokes on still shows its bytes
                layers = List.of(DetailNode.text("Cannot decode this packet: " + e));
            }
            for (DetailNode layer : layers) {
                addItem(new TreeItem(tree, SWT.NONE), layer);
            }
        } finally {
            tree.setRedraw(true);
        }
        hexDump.setText(HexDump.format(shown.frame(), shown.capturedLength()));
    }

    /** Shows nothing (after the stream was cleared). */
    void clear() {
        packet = null;
        tree.removeAll();
        hexDump.setText("");
    }

    /** The packet shown, or {@code null}. */
    public PacketSummary packet() {
        return packet;
    }

    public Tree tree() {
        return tree;
    }

    public StyledText hexDump() {
        return hexDump;
    }

    private static void addItem(TreeItem item, DetailNode node) {
        item.setText(node.label());
        item.setData(node);
        for (DetailNode child : node.children()) {
            addItem(new TreeItem(item, SWT.NONE), child);
        }
    }

    private void highlightSelectedNode() {
        TreeItem[] selected = tree.getSelection();
        hexDump.setStyleRanges(new StyleRange[0]);
        if (selected.length == 0 || !(selected[0].getData() instanceof DetailNode node) || node.offset() < 0) {
            return;
        }
        Color background = hexDump.getDisplay().getSystemColor(SWT.COLOR_LIST_SELECTION);
        Color foreground = hexDump.getDisplay().getSystemColor(SWT.COLOR_LIST_SELECTION_TEXT);
        List<StyleRange> ranges = new ArrayList<>();
        for (int[] span : hexSpans(hexDump.getText(), node.offset(), node.length())) {
            ranges.add(new StyleRange(span[0], span[1], foreground, background));
        }
        hexDump.setStyleRanges(ranges.toArray(new StyleRange[0]));
        if (!ranges.isEmpty()) {
            hexDump.setTopIndex(Math.max(0, hexDump.getLineAtOffset(ranges.get(0).start) - 1));
        }
    }

    /**
     * Where the bytes {@code [offset, offset + length)} stand in a {@link HexDump#format} text: per dump line one span
     * over the hex digits and one over the ASCII column, as {start, length} character ranges in ascending order.
     */
    static List<int[]> hexSpans(String dump, int offset, int length) {
        List<int[]> spans = new ArrayList<>();
        int end = offset + Math.max(length, 1);
        int lineStart = 0;
        for (int lineOffset = 0; lineStart < dump.length() && lineOffset < end; lineOffset += 16) {
            int lineEnd = dump.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = dump.length();
            }
            int first = Math.max(offset, lineOffset) - lineOffset;
            int last = Math.min(end, lineOffset + 16) - 1 - lineOffset;
            if (first <= last) {
                // line layout: offset digits, 2 spaces, 16 x "xx " with one more space after the 8th, 1 space, ASCII
                int hexStart = dump.indexOf(' ', lineStart) + 2;
                int firstColumn = hexStart + 3 * first + (first >= 8 ? 1 : 0);
                int lastColumn = hexStart + 3 * last + (last >= 8 ? 1 : 0) + 2;
                spans.add(new int[] { firstColumn, Math.min(lastColumn, lineEnd) - firstColumn });
                int asciiStart = hexStart + 3 * 16 + 1 + 1;
                int asciiFirst = Math.min(asciiStart + first, lineEnd);
                int asciiLast = Math.min(asciiStart + last + 1, lineEnd);
                if (asciiLast > asciiFirst) {
                    spans.add(new int[] { asciiFirst, asciiLast - asciiFirst });
                }
            }
            lineStart = lineEnd + 1;
        }
        return spans;
    }
}
