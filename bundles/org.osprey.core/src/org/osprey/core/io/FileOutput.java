package org.osprey.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/** Buffered little-endian writing to a file channel for the capture writers. */
final class FileOutput implements AutoCloseable {

    private static final int BUFFER_SIZE = 1 << 16;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);

    FileOutput(FileChannel channel) {
        this.channel = channel;
    }

    /** Makes room for {@code n} bytes (at most the buffer size) by flushing when needed. */
    FileOutput reserve(int n) throws IOException {
        if (buffer.remaining() < n) {
            flush();
        }
        return this;
    }

    FileOutput u16(int value) {
        buffer.putShort((short) value);
        return this;
    }

    FileOutput i32(int value) {
        buffer.putInt(value);
        return this;
    }

    FileOutput i64(long value) {
        buffer.putLong(value);
        return this;
    }

    FileOutput zeros(int n) {
        for (int i = 0; i < n; i++) {
            buffer.put((byte) 0);
        }
        return this;
    }

    /** Writes any number of bytes, bypassing the buffer for large ones. */
    void bytes(byte[] data, int off, int len) throws IOException {
        if (len <= buffer.remaining()) {
            buffer.put(data, off, len);
            return;
        }
        flush();
        if (len <= buffer.capacity() / 2) {
            buffer.put(data, off, len);
            return;
        }
        ByteBuffer direct = ByteBuffer.wrap(data, off, len);
        while (direct.hasRemaining()) {
            channel.write(direct);
        }
    }

    void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            channel.close();
        }
    }
}
