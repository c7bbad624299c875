package org.osprey.capture.tests;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Lowers the calling thread's effective Linux capabilities through {@code capget}/{@code capset} (which act on one
 * thread), and raises them again on {@link #close()}. Only the effective set changes; the permitted set keeps the
 * capabilities, so they can be taken back.
 */
final class ThreadCapabilities implements AutoCloseable {

    private static final int VERSION_3 = 0x20080522;
    private static final int CAP_NET_ADMIN = 12, CAP_NET_RAW = 13;

    /** The two libc calls; structures passed as int arrays: header {version, pid}, data 2 x {eff, perm, inh}. */
    public interface Libc extends Library {
        int capget(int[] header, int[] data);

        int capset(int[] header, int[] data);
    }

    private final Libc libc;
    private final int[] saved;

    private ThreadCapabilities(Libc libc, int[] saved) {
        this.libc = libc;
        this.saved = saved;
    }

    static ThreadCapabilities dropNetworkCapabilities() {
        Libc libc = Native.load("c", Libc.class);
        int[] data = new int[6];
        check(libc.capget(new int[] { VERSION_3, 0 }, data), "capget");
        int[] saved = data.clone();
        data[0] &= ~(1 << CAP_NET_RAW | 1 << CAP_NET_ADMIN);
        check(libc.capset(new int[] { VERSION_3, 0 }, data), "capset");
        return new ThreadCapabilities(libc, saved);
    }

    @Override
    public void close() {
        check(libc.capset(new int[] { VERSION_3, 0 }, saved), "capset (restore)");
    }

    private static void check(int rc, String call) {
        if (rc != 0) {
            throw new IllegalStateException(call + " failed with errno " + Native.getLastError());
        }
    }
}
