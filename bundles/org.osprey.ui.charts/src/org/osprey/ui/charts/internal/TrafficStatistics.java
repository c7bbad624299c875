package org.osprey.ui.charts.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osprey.core.PacketSummary;
import org.osprey.core.Protocol;

/**
 * The numbers behind the Charts view, counted off the UI thread and read by it once a tick: packets and bytes per
 * second over a sliding window, the protocol mix, the top talkers and the top ports. Headless: no SWT, testable
 * without a Display.
 * <p>
 * <b>Time is packet time.</b> Buckets are whole seconds of the packets' own timestamps, and the window ends at the
 * newest second any packet has carried, not at the wall clock. A replayed file and live traffic therefore look alike,
 * and a file replayed faster than real time still shows "the last {@value #WINDOW_SECONDS} seconds" of its own
 * timeline (not one bar holding the whole file). The flip side: when traffic stops, the window stops too, showing the
 * last second that had packets.
 * <p>
 * <b>Window and bucket.</b> {@value #WINDOW_SECONDS} buckets of one second: one second is the unit the figures are
 * read in (packets/s needs no scaling; buckets are whole epoch seconds, so they do not depend on where counting began)
 * and smooths the per-packet jitter; a minute is long enough to see a burst come and go, and 60 points stay readable in a side panel
 * of any width. The newest bucket is still filling while its second lasts.
 * <p>
 * <b>Totals.</b> Protocol mix, talkers and ports count everything since the last {@link #clear}, like Wireshark's
 * Protocol Hierarchy and Endpoints statistics over a file (so they can be checked against tshark):
 * <ul>
 * <li>protocol: the {@link PacketSummary#protocol()} label of each packet (its highest recognised layer);</li>
 * <li>talkers: IPv4 and IPv6 hosts, each credited with the wire bytes of every packet it sent or received (Wireshark's
 * Endpoints "Bytes"), ranked by bytes; at most {@value #MAX_HOSTS} hosts are tracked, the rest count as other;</li>
 * <li>ports: each TCP or UDP packet counts once for its <em>service port</em>, the lower of its two ports. That is the
 * server's port in nearly every conversation (well-known and registered ports lie below the ephemeral range), so a
 * request and its answer count for the same service; counting destination ports would split every conversation
 * between the service and the clients' ephemeral ports. Ranked by packets, so that a scan of many ports shows.</li>
 * </ul>
 * <p>
 * <b>Threads.</b> One thread adds ({@link StatisticsFeed} on a stream subscription's delivery thread), the UI thread
 * takes {@link #snapshot()}s, the clearing thread calls {@link #clear}. They share one monitor, held for one batch (at
 * most 1024 packets, about 100 µs) or one snapshot (a copy of 120 longs and two top-10 scans of the tables).
 * Counting allocates nothing.
 */
public final class TrafficStatistics {

    /** Seconds in the sliding window, one bucket each. */
    public static final int WINDOW_SECONDS = 60;
    /** Length of the talker and port rankings. */
    public static final int TOP = 10;
    /** Hosts tracked at most; traffic of further hosts counts as other (bounds the memory a subnet scan can take). */
    public static final int MAX_HOSTS = 1 << 16;
    /** {@link TrafficSnapshot#windowEndSecond()} before the first packet. */
    public static final long NO_PACKETS = Long.MIN_VALUE;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final Protocol[] PROTOCOLS = Protocol.values();
    private static final int IPPROTO_TCP = 6;
    private static final int IPPROTO_UDP = 17;

    /** Ring of buckets: the bucket of second s is at index floorMod(s, WINDOW_SECONDS), valid when its second is s. */
    private final long[] bucketSecond = new long[WINDOW_SECONDS];
    private final long[] bucketPackets = new long[WINDOW_SECONDS];
    private final long[] bucketBytes = new long[WINDOW_SECONDS];
    private long newestSecond = NO_PACKETS;

    private final long[] protocolPackets = new long[PROTOCOLS.length];
    private final HostTable hosts = new HostTable(MAX_HOSTS);
    private final PortTable ports = new PortTable();
    private long packets;
    private long bytes;
    private long notCounted;
    /** Packets with a lower sequence number were published before the last clear: they are not counted. */
    private long firstCountedSequence = Long.MIN_VALUE;

    public TrafficStatistics() {
        Arrays.fill(bucketSecond, NO_PACKETS);
    }

    /**
     * Counts a batch (as a {@code PacketListener} receives it). Packets published before the last {@link #clear} are
     * skipped: a subscription's queue may still deliver them after the stream was cleared.
     */
    public synchronized void add(PacketSummary[] batch, int count) {
        for (int i = 0; i < count; i++) {
            PacketSummary packet = batch[i];
            if (packet.sequence() >= firstCountedSequence) {
                count(packet);
            }
        }
    }

    /**
     * Notes packets that were lost before they could be counted (the ring evicted them before the feed read them),
     * shown as a warning. Those published before the last {@link #clear} do not matter and are not noted.
     *
     * @param fromSequence the first lost packet's sequence number
     * @param toSequence the sequence number after the last lost packet
     */
    public synchronized void addNotCounted(long fromSequence, long toSequence) {
        notCounted += Math.max(0, toSequence - Math.max(fromSequence, firstCountedSequence));
    }

    /**
     * Forgets everything: the stream was cleared.
     *
     * @param nextSequence the stream's next sequence number; packets before it are ignored from now on
     */
    public synchronized void clear(long nextSequence) {
        Arrays.fill(bucketSecond, NO_PACKETS);
        Arrays.fill(bucketPackets, 0);
        Arrays.fill(bucketBytes, 0);
        newestSecond = NO_PACKETS;
        Arrays.fill(protocolPackets, 0);
        hosts.clear();
        ports.clear();
        packets = 0;
        bytes = 0;
        notCounted = 0;
        firstCountedSequence = nextSequence;
    }

    /** A consistent copy of everything, for one tick of the charts. */
    public synchronized TrafficSnapshot snapshot() {
        long[] windowPackets = new long[WINDOW_SECONDS];
        long[] windowBytes = new long[WINDOW_SECONDS];
        if (newestSecond != NO_PACKETS) {
            for (int i = 0; i < WINDOW_SECONDS; i++) {
                long second = newestSecond - (WINDOW_SECONDS - 1) + i;
                int slot = Math.floorMod(second, WINDOW_SECONDS);
                if (bucketSecond[slot] == second) {
                    windowPackets[i] = bucketPackets[slot];
                    windowBytes[i] = bucketBytes[slot];
                }
            }
        }
        return new TrafficSnapshot(newestSecond, windowPackets, windowBytes, packets, bytes, protocolMix(),
                hosts.top(TOP), ports.top(TOP), hosts.otherPackets(), notCounted);
    }

    private void count(PacketSummary packet) {
        int wire = packet.wireLength();
        packets++;
        bytes += wire;
        countInWindow(Math.floorDiv(packet.timestampNanos(), NANOS_PER_SECOND), wire);
        protocolPackets[packet.protocol().ordinal()]++;
        switch (packet.ipVersion()) {
            case 4 -> {
                hosts.add(4, 0, packet.srcIp4() & 0xFFFF_FFFFL, wire);
                hosts.add(4, 0, packet.dstIp4() & 0xFFFF_FFFFL, wire);
            }
            case 6 -> {
                hosts.add(6, packet.srcIp6Hi(), packet.srcIp6Lo(), wire);
                hosts.add(6, packet.dstIp6Hi(), packet.dstIp6Lo(), wire);
            }
            default -> {
                // not an IP packet: no talker (ARP and the like count in the protocol mix)
            }
        }
        int transport = switch (packet.ipProtocol()) {
            case IPPROTO_TCP -> PortTable.TCP;
            case IPPROTO_UDP -> PortTable.UDP;
            default -> -1;
        };
        if (transport >= 0 && packet.srcPort() >= 0 && packet.dstPort() >= 0) {
            ports.add(transport, Math.min(packet.srcPort(), packet.dstPort()), wire);
        }
    }

    private void countInWindow(long second, int wire) {
        if (newestSecond != NO_PACKETS && second <= newestSecond - WINDOW_SECONDS) {
            return; // older than the window (a late packet): counted in the totals only
        }
        if (second > newestSecond) {
            newestSecond = second; // the window slides; buckets of skipped seconds hold older seconds, seen as empty
        }
        int slot = Math.floorMod(second, WINDOW_SECONDS);
        if (bucketSecond[slot] != second) {
            bucketSecond[slot] = second;
            bucketPackets[slot] = 0;
            bucketBytes[slot] = 0;
        }
        bucketPackets[slot]++;
        bucketBytes[slot] += wire;
    }

    private Map<String, Long> protocolMix() {
        Integer[] order = new Integer[PROTOCOLS.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(protocolPackets[b], protocolPackets[a])); // stable: enum order on ties
        Map<String, Long> mix = new LinkedHashMap<>();
        for (int i : order) {
            if (protocolPackets[i] > 0) {
                mix.put(PROTOCOLS[i].label(), protocolPackets[i]);
            }
        }
        return mix;
    }
}
