package org.osprey.core.io;

import java.io.IOException;

import org.osprey.core.PacketSummary;

/**
 * Writes packets to a capture file. Create one with {@link CaptureFiles#create(java.nio.file.Path, CaptureFormat, int)};
 * close it to flush the last bytes. Not thread-safe.
 */
public interface CaptureWriter extends AutoCloseable {

    /** Writes the packet's frame, lengths, timestamp, link type and interface id. */
    default void write(PacketSummary packet) throws IOException {
        write(packet.frame(), packet.capturedLength(), packet.wireLength(), packet.linkType(), packet.interfaceId(),
                packet.timestampNanos());
    }

    /**
     * Writes one packet record.
     *
     * @param frame the captured bytes; the first {@code capturedLength} are written
     * @param wireLength the length the packet had on the wire
     * @param linkType the LINKTYPE_ of the frame: a pcap file holds only the link type it was created with
     * @param interfaceId the capture interface (pcapng: one interface block per interface id and link type seen;
     *        pcap ignores it)
     * @param timestampNanos nanoseconds since the epoch
     * @throws IllegalArgumentException when the packet cannot be written in this format (lengths out of range, a
     *         pcap file and another link type, a timestamp before 1970 or after 2106 in pcap)
     */
    void write(byte[] frame, int capturedLength, int wireLength, int linkType, int interfaceId, long timestampNanos)
            throws IOException;

    /** The format being written. */
    CaptureFormat format();

    @Override
    void close() throws IOException;
}
