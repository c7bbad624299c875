package org.osprey.capture.tests;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.osprey.capture.CaptureSources;
import org.osprey.core.PacketSummary;
import org.osprey.stream.PacketStream;

/**
 * The real OSGi services the tests use: the capture service of the bundle under test and the stream service (both
 * made by Declarative Services in the test runtime). Tests run one after another, so they share the one stream and
 * each reads only what was published after it began ({@link #mark}).
 */
final class Services {

    private static final long WAIT_MILLIS = 30_000;

    private Services() {
    }

    static CaptureSources captureSources() throws Exception {
        return service(CaptureSources.class);
    }

    static PacketStream stream() throws Exception {
        return service(PacketStream.class);
    }

    private static <T> T service(Class<T> type) throws Exception {
        BundleContext context = context(type);
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(WAIT_MILLIS);
        if (service == null) {
            throw new AssertionError("no " + type.getName() + " service within " + WAIT_MILLIS
                    + " ms: is Felix SCR running and the providing bundle resolved?");
        }
        return service; // the tracker stays open for the life of the test runtime: the service stays in use
    }

    /** The context of the bundle that provides {@code type}, started if it is lazy and not yet active. */
    private static BundleContext context(Class<?> type) throws BundleException {
        Bundle bundle = FrameworkUtil.getBundle(type);
        if (bundle == null) {
            throw new AssertionError("tests must run inside the OSGi test runtime (tycho-surefire)");
        }
        if (bundle.getState() != Bundle.ACTIVE) {
            bundle.start(Bundle.START_TRANSIENT);
        }
        return bundle.getBundleContext();
    }

    /** Where the stream is now: read from here to get what a test publishes. */
    static long mark(PacketStream stream) {
        return stream.nextSequence();
    }

    /** Every packet published since {@code mark} (the ring must still hold them). */
    static List<PacketSummary> since(PacketStream stream, long mark) {
        List<PacketSummary> result = new ArrayList<>();
        PacketSummary[] batch = new PacketSummary[4096];
        long next = mark;
        while (true) {
            int n = stream.read(next, batch);
            if (n == 0) {
                return result;
            }
            if (batch[0].sequence() != next) {
                throw new AssertionError("the stream ring no longer holds sequence " + next);
            }
            for (int i = 0; i < n; i++) {
                result.add(batch[i]);
            }
            next += n;
        }
    }

    /** Wall-clock time now in nanoseconds since the epoch, as packet timestamps count. */
    static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
