package org.osprey.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not a capture file, or whose content breaks the format at some byte offset. The message names the
 * file, the offset and what is wrong, for showing to the user as it is.
 */
public class CaptureFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    /**
     * @param file the capture file
     * @param offset the byte offset in the file where the problem is
     * @param problem what is wrong, in words a user understands (it should mention the offset where that helps)
     */
    public CaptureFormatException(Path file, long offset, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.offset = offset;
    }

    /** The file the problem is in. */
    public Path file() {
        return file;
    }

    /** The byte offset in the file where the problem starts. */
    public long offset() {
        return offset;
    }
}
