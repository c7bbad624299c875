package org.osprey.session;

/** A session could not start; the message says why in words a person can act on. */
public final class SessionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean capturePermission;

    public SessionException(String message, Throwable cause, boolean capturePermission) {
        super(message, cause);
        this.capturePermission = capturePermission;
    }

    /** Live capture was refused for want of permission (the demo mode still works). */
    public boolean isCapturePermission() {
        return capturePermission;
    }
}
