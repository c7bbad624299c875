package org.osprey.ui.packets;

/** Text of the packet table's columns that {@link org.osprey.core.PacketSummary} does not make itself. */
final class PacketColumns {

    private PacketColumns() {
    }

    /** Nanoseconds as seconds with six decimals, truncated like Wireshark's Time column: 1.5 ms is "0.001500". */
    static String seconds(long nanos) {
        long micros = nanos / 1_000;
        StringBuilder text = new StringBuilder(16);
        if (micros < 0) {
            text.append('-');
            micros = -micros;
        }
        String fraction = Long.toString(micros % 1_000_000);
        text.append(micros / 1_000_000).append('.');
        for (int i = fraction.length(); i < 6; i++) {
            text.append('0');
        }
        return text.append(fraction).toString();
    }
}
