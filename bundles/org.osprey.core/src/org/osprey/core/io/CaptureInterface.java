package org.osprey.core.io;

/**
 * One interface a capture file records packets from: a classic pcap file has exactly one, a pcapng file one per
 * Interface Description Block (over all its sections, numbered in the order they appear).
 *
 * @param linkType the LINKTYPE_ value of the interface's frames (e.g. 1 for Ethernet)
 * @param snapLength the largest number of bytes captured per packet, as the file declares it (0 = not declared)
 * @param name the interface name (pcapng option if_name), or {@code null} when the file does not say
 * @param ticksPerSecond the timestamp resolution: how many timestamp units make one second (1000000 for microseconds)
 * @param timestampOffsetSeconds seconds added to every timestamp of this interface (pcapng option if_tsoffset)
 * @param section the index of the pcapng section the interface belongs to (always 0 for pcap)
 */
public record CaptureInterface(int linkType, int snapLength, String name, long ticksPerSecond,
        long timestampOffsetSeconds, int section) {
}
