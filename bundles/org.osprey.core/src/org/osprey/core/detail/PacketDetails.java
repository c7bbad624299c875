package org.osprey.core.detail;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.osprey.core.PacketSummary;

/**
 * The full decode of one packet for the detail pane, made on demand when the analyst opens a packet (never on the
 * hot path). Protocol layers come from pcap4j's packet classes; when pcap4j does not know the link type or fails on
 * the frame, they come from the summary decoder's fields instead, so a detail tree is always there.
 */
public final class PacketDetails {

    private static final DateTimeFormatter ARRIVAL_TIME = DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS 'UTC'").withZone(ZoneOffset.UTC);

    private PacketDetails() {
    }

    /**
     * The root nodes of the packet's detail tree: first "Frame" (number, time, lengths, link type, Community ID), then
     * one node per protocol layer with its fields, then any undecoded data. Never throws for any frame content.
     */
    public static List<DetailNode> decode(PacketSummary packet) {
        List<DetailNode> roots = new ArrayList<>();
        roots.add(frame(packet));
        List<DetailNode> layers = Pcap4jLayers.decode(packet);
        roots.addAll(layers != null ? layers : SummaryLayers.decode(packet));
        return List.copyOf(roots);
    }

    private static DetailNode frame(PacketSummary p) {
        int captured = capturedLength(p);
        String number = p.number() >= 1 ? " " + p.number() : "";
        List<DetailNode> fields = new ArrayList<>();
        long seconds = Math.floorDiv(p.timestampNanos(), 1_000_000_000L);
        long nanos = Math.floorMod(p.timestampNanos(), 1_000_000_000L);
        fields.add(DetailNode.text("Arrival Time: " + ARRIVAL_TIME.format(Instant.ofEpochSecond(seconds, nanos))));
        fields.add(DetailNode.text(String.format("Epoch Arrival Time: %d.%09d", seconds, nanos)));
        if (p.number() >= 1) {
            fields.add(DetailNode.text("Frame Number: " + p.number()));
        }
        fields.add(DetailNode.text("Frame Length: " + bytesAndBits(p.wireLength())));
        fields.add(DetailNode.text("Capture Length: " + bytesAndBits(captured)));
        fields.add(DetailNode.text("Link Type: " + LinkTypes.name(p.linkType()) + " (" + p.linkType() + ")"));
        fields.add(DetailNode.text("Interface Id: " + p.interfaceId()));
        String communityId = p.communityId();
        if (communityId != null) {
            fields.add(DetailNode.text("Community ID: " + communityId));
        }
        String label = "Frame" + number + ": " + p.wireLength() + " bytes on wire (" + 8L * p.wireLength() + " bits), "
                + captured + " bytes captured (" + 8L * captured + " bits)";
        return new DetailNode(label, 0, captured, fields);
    }

    private static String bytesAndBits(int bytes) {
        return bytes + " bytes (" + 8L * bytes + " bits)";
    }

    /** The number of frame bytes that really exist, whatever the summary's length fields claim. */
    static int capturedLength(PacketSummary p) {
        byte[] frame = p.frame();
        return frame == null ? 0 : Math.max(0, Math.min(p.capturedLength(), frame.length));
    }
}
