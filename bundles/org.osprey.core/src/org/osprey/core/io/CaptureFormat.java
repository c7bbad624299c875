package org.osprey.core.io;

/** The capture-file formats Osprey reads and writes. */
public enum CaptureFormat {
    /** The classic libpcap format (microsecond, nanosecond and the modified/Kuznetzov variant). */
    PCAP,
    /** The pcap Next Generation format (sections, several interfaces, per-interface timestamp resolution). */
    PCAPNG
}
