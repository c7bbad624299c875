package org.osprey.transport.protocol;

/**
 * One packet as it travels: the agent's sequence number, the capture record's fields and the frame bytes.
 *
 * @param sequence the agent's sequence number
 * @param timestampNanos capture time, nanoseconds since the epoch
 * @param wireLength length on the wire
 * @param linkType pcap link type of the frame
 * @param frame the captured bytes ({@code frame.length} is the captured length)
 */
public record PacketRecord(long sequence, long timestampNanos, int wireLength, int linkType, byte[] frame) {

    public int capturedLength() {
        return frame.length;
    }
}
