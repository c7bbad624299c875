package org.osprey.core.detail;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

import org.osprey.core.PacketSummary;
import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.IllegalPacket;
import org.pcap4j.packet.IpPacket;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.factory.PacketFactories;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * Protocol layers decoded by pcap4j's packet classes (only those: nothing here touches libpcap). Each layer's fields
 * come from the header's own description. pcap4j does not expose field offsets: fields of common headers get theirs
 * from {@link FieldOffsets}, the others cover their whole header.
 */
final class Pcap4jLayers {

    /** Guards against pathological header descriptions. */
    private static final int MAX_LINES_PER_HEADER = 400;
    private static final int MAX_LABEL_LENGTH = 300;
    private static final int DATA_PREVIEW_BYTES = 32;
    private static final Pattern INET_ADDRESS_SLASH = Pattern.compile(": /(?=[0-9a-fA-F:])");

    private Pcap4jLayers() {
    }

    /** The layers, or {@code null} when pcap4j does not know the link type or cannot decode the frame. */
    static List<DetailNode> decode(PacketSummary p) {
        byte[] frame = p.frame();
        int length = PacketDetails.capturedLength(p);
        if (length == 0) {
            return null;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            // pcap4j finds its static packet factory with ServiceLoader through the context class loader; in OSGi that
            // must be pcap4j's own bundle loader (the factory is a fragment of it), or every packet decodes as unknown
            thread.setContextClassLoader(PacketFactories.class.getClassLoader());
            DataLinkType linkType = dataLinkType(p.linkType());
            if (linkType == null) {
                return null;
            }
            Packet packet = PacketFactories.getFactory(Packet.class, DataLinkType.class)
                    .newInstance(frame, 0, length, linkType);
            if (packet == null || packet instanceof UnknownPacket || packet instanceof IllegalPacket) {
                return null;
            }
            if (p.ipVersion() != 0 && !packet.contains(IpPacket.class)
                    || p.arpOpcode() != PacketSummary.ABSENT && !packet.contains(ArpPacket.class)) {
                // the summary decoder got further (e.g. a BSD loopback family in host byte order): show its view
                return null;
            }
            return layers(packet, length);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // a pcap4j bug on a hostile frame, or pcap4j missing at runtime: the caller falls back to the summary
            return null;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** pcap4j's link type for a LINKTYPE_ value, or {@code null} when pcap4j has no decoder for it. */
    static DataLinkType dataLinkType(int linkType) {
        return switch (linkType) {
            case 0 -> DataLinkType.NULL;
            case 1 -> DataLinkType.EN10MB;
            case 6 -> DataLinkType.IEEE802;
            case 9 -> DataLinkType.PPP;
            case 10 -> DataLinkType.FDDI;
            case 12, 14, 101, 228, 229 -> DataLinkType.RAW; // pcap4j's RAW tells IPv4 from IPv6 by the version
            case 50 -> DataLinkType.PPP_SERIAL;
            case 105 -> DataLinkType.IEEE802_11;
            case 113 -> DataLinkType.LINUX_SLL;
            case 127 -> DataLinkType.IEEE802_11_RADIO;
            case 143 -> DataLinkType.DOCSIS;
            default -> null;
        };
    }

    private static List<DetailNode> layers(Packet root, int frameLength) {
        List<DetailNode> nodes = new ArrayList<>();
        int offset = 0;
        for (Packet layer = root; layer != null; layer = layer.getPayload()) {
            Packet.Header header = layer.getHeader();
            if (header == null) {
                nodes.add(data(layer, offset, frameLength));
                break;
            }
            int headerLength = header.length();
            Packet payload = layer.getPayload();
            int trailerLength = layer.length() - headerLength - (payload == null ? 0 : payload.length());
            int trailerOffset = offset + layer.length() - trailerLength;
            nodes.add(header(header.toString(), offset, headerLength, trailerOffset, trailerLength, frameLength));
            offset += headerLength;
        }
        return nodes;
    }

    /**
     * A node from a pcap4j header description: its first line "[IPv4 Header (20 bytes)]" is the label, the indented
     * lines below it are the fields (deeper indentation nests).
     */
    private static DetailNode header(String description, int offset, int length, int trailerOffset, int trailerLength,
            int frameLength) {
        String[] lines = description.split("\r?\n");
        int start = clamp(offset, frameLength);
        int span = clamp(offset + length, frameLength) - start;
        String label = stripBrackets(lines[0].trim());
        // one entry per open node, innermost first; the bottom one is the header node itself
        Deque<OpenNode> open = new ArrayDeque<>();
        open.push(new OpenNode(label, start, span));
        int lineCount = Math.min(lines.length, MAX_LINES_PER_HEADER);
        for (int i = 1; i < lineCount; i++) {
            String line = lines[i];
            String text = line.strip();
            if (text.isEmpty()) {
                continue;
            }
            int depth = Math.max(1, indentation(line) / 2);
            while (open.size() > depth) {
                close(open);
            }
            while (open.size() < depth) {
                // a line indented deeper than one below its parent: hang it under an empty-labelled parent
                open.push(new OpenNode("", start, span));
            }
            int fieldStart = start;
            int fieldSpan = span;
            long range = depth == 1 ? FieldOffsets.range(label, text, length) : FieldOffsets.UNKNOWN;
            if (range != FieldOffsets.UNKNOWN) {
                fieldStart = clamp(offset + FieldOffsets.offset(range), frameLength);
                fieldSpan = clamp(offset + FieldOffsets.offset(range) + FieldOffsets.length(range), frameLength)
                        - fieldStart;
            }
            open.push(new OpenNode(shorten(text), fieldStart, fieldSpan));
        }
        while (open.size() > 1) {
            close(open);
        }
        OpenNode headerNode = open.pop();
        if (trailerLength > 0) {
            int trailerStart = clamp(trailerOffset, frameLength);
            headerNode.children.add(DetailNode.leaf("Trailer: " + trailerLength + " bytes", trailerStart,
                    clamp(trailerOffset + trailerLength, frameLength) - trailerStart));
        }
        return headerNode.toNode();
    }

    private static void close(Deque<OpenNode> open) {
        DetailNode done = open.pop().toNode();
        open.peek().children.add(done);
    }

    /** A node of the tree being built from indented lines, still collecting its children. */
    private static final class OpenNode {
        final String label;
        final int offset;
        final int length;
        final List<DetailNode> children = new ArrayList<>();

        OpenNode(String label, int offset, int length) {
            this.label = label;
            this.offset = offset;
            this.length = length;
        }

        DetailNode toNode() {
            return new DetailNode(label, offset, length, children);
        }
    }

    private static DetailNode data(Packet layer, int offset, int frameLength) {
        byte[] raw = layer.getRawData();
        int start = clamp(offset, frameLength);
        int span = clamp(offset + raw.length, frameLength) - start;
        StringBuilder preview = new StringBuilder("Data: ");
        for (int i = 0; i < Math.min(raw.length, DATA_PREVIEW_BYTES); i++) {
            preview.append(String.format("%02x", raw[i] & 0xff));
        }
        if (raw.length > DATA_PREVIEW_BYTES) {
            preview.append('…');
        }
        String label = layer instanceof IllegalPacket
                ? "Malformed data (" + raw.length + " bytes): pcap4j could not decode this layer"
                : "Data (" + raw.length + " bytes)";
        return new DetailNode(label, start, span,
                List.of(DetailNode.leaf(preview.toString(), start, span),
                        DetailNode.text("[Length: " + raw.length + "]")));
    }

    private static int indentation(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static String stripBrackets(String text) {
        return text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    }

    private static String shorten(String line) {
        // pcap4j prints addresses with InetAddress.toString(), which puts a '/' before them
        String text = INET_ADDRESS_SLASH.matcher(line).replaceAll(": ");
        return text.length() <= MAX_LABEL_LENGTH ? text : text.substring(0, MAX_LABEL_LENGTH) + "…";
    }

    private static int clamp(int offset, int frameLength) {
        return Math.max(0, Math.min(offset, frameLength));
    }
}
