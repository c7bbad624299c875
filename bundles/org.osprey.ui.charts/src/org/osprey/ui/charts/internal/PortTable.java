package org.osprey.ui.charts.internal;

/**
 * Packets and bytes per TCP and UDP service port, in flat arrays indexed by port number: counting allocates nothing
 * and costs two array writes. The ports counted so far are listed as well, so that ranking and clearing touch only
 * those, not all 131,072 entries.
 * <p>
 * Not thread-safe: the owner ({@link TrafficStatistics}) serialises access.
 */
final class PortTable {

    static final int TCP = 0;
    static final int UDP = 1;
    private static final String[] TRANSPORT_NAMES = { "tcp", "udp" };
    private static final int PORTS = 65_536;

    /** Index {@code transport * PORTS + port}. */
    private final long[] packets = new long[2 * PORTS];
    private final long[] bytes = new long[2 * PORTS];
    private final int[] counted = new int[2 * PORTS];
    private int countedSize;

    void add(int transport, int port, int wireBytes) {
        int index = transport * PORTS + port;
        if (packets[index] == 0) {
            counted[countedSize++] = index;
        }
        packets[index]++;
        bytes[index] += wireBytes;
    }

    /** The {@code n} ports with the most packets (ties: more bytes first, then tcp before udp, the lower port), most first. */
    Ranked[] top(int n) {
        int[] best = new int[Math.min(n, countedSize)];
        int found = 0;
        for (int i = 0; i < countedSize; i++) {
            int index = counted[i];
            if (found < best.length) {
                found++;
            } else if (!ranksBefore(index, best[found - 1])) {
                continue;
            }
            int at = found - 1;
            while (at > 0 && ranksBefore(index, best[at - 1])) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = index;
        }
        Ranked[] top = new Ranked[found];
        for (int i = 0; i < found; i++) {
            int index = best[i];
            top[i] = new Ranked(TRANSPORT_NAMES[index / PORTS] + "/" + index % PORTS, packets[index], bytes[index]);
        }
        return top;
    }

    /** How many distinct (transport, port) pairs were counted. */
    int size() {
        return countedSize;
    }

    void clear() {
        for (int i = 0; i < countedSize; i++) {
            packets[counted[i]] = 0;
            bytes[counted[i]] = 0;
        }
        countedSize = 0;
    }

    private boolean ranksBefore(int a, int b) {
        if (packets[a] != packets[b]) {
            return packets[a] > packets[b];
        }
        if (bytes[a] != bytes[b]) {
            return bytes[a] > bytes[b];
        }
        return a < b;
    }
}
