package org.osprey.detect.builtin.internal;

/**
 * Per entry of a {@link KeyTable}, the lowest and highest IPv4 address among the hosts it counted, to name the network
 * a sweep covered (see {@link HostIds#ip4Network}).
 */
public final class Ip4Ranges {

    private final int[] lowest;
    private final int[] highest;
    private final boolean[] any;

    public Ip4Ranges(int entries) {
        lowest = new int[entries];
        highest = new int[entries];
        any = new boolean[entries];
    }

    public void clear(int entry) {
        any[entry] = false;
    }

    /** Widens the entry's range to the host; a host id that is not IPv4 is ignored. */
    public void add(int entry, long hostId) {
        if (!HostIds.isIp4(hostId)) {
            return;
        }
        int address = (int) hostId;
        if (!any[entry]) {
            lowest[entry] = address;
            highest[entry] = address;
            any[entry] = true;
        } else if (Integer.compareUnsigned(address, lowest[entry]) < 0) {
            lowest[entry] = address;
        } else if (Integer.compareUnsigned(address, highest[entry]) > 0) {
            highest[entry] = address;
        }
    }

    /** The network of the entry's IPv4 hosts, at least a /24; {@code null} when it counted none. */
    public String network(int entry) {
        return any[entry] ? HostIds.ip4Network(lowest[entry], highest[entry], 24) : null;
    }
}
