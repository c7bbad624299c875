package org.osprey.stream;

import java.util.List;

import org.osprey.core.PacketSummary;
import org.osprey.stream.internal.FilterNode;
import org.osprey.stream.internal.FilterParser;

/**
 * A compiled display filter in the spirit of Wireshark's, over the fields of a {@link PacketSummary}:
 *
 * <pre>
 * ip.addr == 10.0.0.1 &amp;&amp; tcp.port in {80 443}
 * dns
 * tcp.flags.syn == 1 &amp;&amp; tcp.flags.ack == 0
 * frame.len &gt; 1000 or ip.src == 10.0.0.0/8
 * dns.qry.name matches "^[a-z0-9]{30,}\."
 * udp.dstport in {1024..65535}
 * </pre>
 *
 * Semantics, as in Wireshark:
 * <ul>
 * <li>a field or protocol alone tests presence: {@code tcp} and {@code tcp.flags.syn} are both true for every TCP
 * packet ({@code !tcp.flags.ack} is therefore false for every TCP packet; write {@code tcp.flags.ack == 0});</li>
 * <li>a comparison is false when the packet lacks the field, whatever the operator;</li>
 * <li>{@code ip.addr}, {@code ipv6.addr}, {@code eth.addr}, {@code tcp.port}, {@code udp.port} stand for the source
 * or the destination: {@code ==}, {@code <}, {@code in} ... hold when they hold for either; {@code !=} holds when
 * neither is equal;</li>
 * <li>{@code contains} and {@code ==} on text are case-sensitive, {@code matches} is a case-insensitive regular
 * expression found anywhere in the value.</li>
 * </ul>
 * The known names are listed by {@link #knownFields()}. Operators: {@code == != < <= > >=} (or
 * {@code eq ne lt le gt ge}), {@code in {...}} with values and ranges {@code a..b}, {@code contains},
 * {@code matches} (or {@code ~}), {@code && || !} (or {@code and or not}) and parentheses.
 * <p>
 * A filter is immutable and thread-safe; {@link #matches} allocates nothing.
 */
public final class DisplayFilter {

    private final String text;
    private final FilterNode root;

    private DisplayFilter(String text, FilterNode root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Compiles filter text. Blank text compiles to a filter that matches every packet.
     *
     * @throws FilterSyntaxException naming the problem and the position of the offending token
     */
    public static DisplayFilter compile(String text) throws FilterSyntaxException {
        if (text == null) {
            throw new NullPointerException("filter text");
        }
        return new DisplayFilter(text, FilterParser.parse(text));
    }

    /** Whether the packet passes the filter. */
    public boolean matches(PacketSummary packet) {
        return root.test(packet);
    }

    /** Whether this filter was compiled from blank text and so matches everything. */
    public boolean isEmpty() {
        return root instanceof FilterNode.MatchAll;
    }

    /** The fields and protocols the language knows, for completion in a filter editor. */
    public static List<FilterField> knownFields() {
        return FilterParser.knownFields();
    }

    /** The text the filter was compiled from. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DisplayFilter filter && filter.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
