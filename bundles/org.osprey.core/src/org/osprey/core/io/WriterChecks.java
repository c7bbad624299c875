package org.osprey.core.io;

/** Argument checks shared by the capture writers. */
final class WriterChecks {

    private WriterChecks() {
    }

    static void lengths(byte[] frame, int capturedLength, int wireLength) {
        if (capturedLength < 0 || capturedLength > frame.length || capturedLength > Limits.MAX_CAPTURED_LENGTH) {
            throw new IllegalArgumentException("captured length " + capturedLength + " is outside the frame of "
                    + frame.length + " bytes or above " + Limits.MAX_CAPTURED_LENGTH);
        }
        if (wireLength < 0) {
            throw new IllegalArgumentException("negative wire length " + wireLength);
        }
    }
}
