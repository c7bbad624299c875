package org.osprey.capture;

/**
 * Why a capture source cannot start or had to stop. The message is written for the person running Osprey: it says
 * what went wrong and, where there is one, what to do about it (e.g. the {@code setcap} command for a missing
 * capture permission, or the interfaces that do exist).
 */
public class CaptureException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The kind of problem, for callers that react differently (e.g. offer the interface list). */
    public enum Reason {
        /** The process may not capture: it lacks CAP_NET_RAW (and CAP_NET_ADMIN for some options) and is not root. */
        PERMISSION_DENIED,
        /** The named network interface does not exist. */
        NO_SUCH_INTERFACE,
        /** The BPF capture filter does not compile. */
        BAD_FILTER,
        /** The capture file is missing, unreadable, not a capture file, or broken part-way. */
        BAD_FILE,
        /** libpcap could not be loaded (it is not installed). */
        NO_LIBPCAP,
        /** The options given do not make sense together or with this system. */
        BAD_OPTIONS,
        /** Capture failed while running (the interface went away, a read error). */
        CAPTURE_FAILED
    }

    private final Reason reason;

    public CaptureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public CaptureException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
