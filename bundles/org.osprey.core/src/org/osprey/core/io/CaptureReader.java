package org.osprey.core.io;

import java.io.IOException;
import java.util.List;

import org.osprey.core.PacketSummary;

/**
 * Reads the packets of one capture file in order, streaming (the file is never loaded whole). Not thread-safe: one
 * thread reads. Open one with {@link CaptureFiles#open(java.nio.file.Path)}.
 */
public interface CaptureReader extends AutoCloseable {

    /**
     * Reads the next packet record and returns its summary, decoded by {@link org.osprey.core.SummaryDecoder} (unless
     * the file was opened without decoding): a new object per record, holding a new byte array of exactly the
     * captured bytes.
     *
     * @return the next packet, or {@code null} at the end of the file (and on every call after a
     *         {@link CaptureFormatException})
     * @throws CaptureFormatException when the file breaks the format here (e.g. it is truncated in the middle of a
     *         record); every packet before that point has been returned already
     * @throws IOException when reading fails
     */
    PacketSummary next() throws IOException;

    /** The format of the file. */
    CaptureFormat format();

    /** How many bytes of the file have been consumed so far (for progress bars; compare with {@link #size()}). */
    long position();

    /** The size of the file in bytes. */
    long size();

    /**
     * The interfaces declared so far: for pcapng, interfaces whose description block comes later in the file appear
     * when it has been read. {@link PacketSummary#interfaceId()} indexes this list.
     */
    List<CaptureInterface> interfaces();

    @Override
    void close() throws IOException;
}
