package org.osprey.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Buffered sequential reading of a file channel with absolute positions: the readers ask for the next n bytes to be
 * in the buffer, then take them. The buffer is allocated once; skipping far jumps the channel instead of reading.
 */
final class FileInput implements AutoCloseable {

    /** Big enough for the largest record the readers accept plus its headers, so a record is always contiguous. */
    static final int BUFFER_SIZE = 1 << 20;

    private final FileChannel channel;
    private final long size;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
    /** File position of {@code buffer}'s byte 0. */
    private long bufferStart;

    FileInput(FileChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
        buffer.limit(0);
    }

    long size() {
        return size;
    }

    /** The file position of the next byte to take. */
    long position() {
        return bufferStart + buffer.position();
    }

    /** Bytes left in the file from the current position. */
    long remainingInFile() {
        return size - position();
    }

    void order(ByteOrder order) {
        buffer.order(order);
    }

    ByteOrder order() {
        return buffer.order();
    }

    /**
     * Makes sure the next {@code n} bytes (at most {@link #BUFFER_SIZE}) are in the buffer.
     *
     * @return false when the file ends before that many bytes
     */
    boolean request(int n) throws IOException {
        if (buffer.remaining() >= n) {
            return true;
        }
        if (n > BUFFER_SIZE) {
            throw new IllegalArgumentException("request of " + n + " bytes exceeds the buffer");
        }
        bufferStart += buffer.position();
        buffer.compact();
        while (buffer.position() < n) {
            int read = channel.read(buffer, bufferStart + buffer.position());
            if (read < 0) {
                break;
            }
        }
        buffer.flip();
        return buffer.remaining() >= n;
    }

    /** Bytes available in the buffer without reading. */
    int buffered() {
        return buffer.remaining();
    }

    int u8() {
        return buffer.get() & 0xff;
    }

    int u16() {
        return buffer.getShort() & 0xffff;
    }

    int i32() {
        return buffer.getInt();
    }

    long u32() {
        return buffer.getInt() & 0xffffffffL;
    }

    long i64() {
        return buffer.getLong();
    }

    /** The int at {@code offset} bytes ahead of the position, in the current byte order, without taking it. */
    int peekI32(int offset) {
        return buffer.getInt(buffer.position() + offset);
    }

    /** The byte at {@code offset} bytes ahead of the position, without taking it. */
    int peekU8(int offset) {
        return buffer.get(buffer.position() + offset) & 0xff;
    }

    void take(byte[] into, int off, int len) {
        buffer.get(into, off, len);
    }

    /** Skips {@code n} bytes, which may lie beyond the buffer (the caller has checked they are in the file). */
    void skip(long n) throws IOException {
        if (n <= buffer.remaining()) {
            buffer.position(buffer.position() + (int) n);
            return;
        }
        long target = position() + n;
        if (target > size) {
            throw new EOFException("skip beyond the end of the file");
        }
        bufferStart = target;
        buffer.clear().limit(0);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
