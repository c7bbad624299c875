package org.osprey.detect.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.Detector;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.Severity;
import org.osprey.detect.engine.AlertHygiene;
import org.osprey.detect.engine.AlertStore;
import org.osprey.detect.engine.DetectionEngine;
import org.osprey.detect.engine.DetectionRun;
import org.osprey.detect.engine.DetectorStatus;
import org.osprey.detect.engine.DetectorStatus.State;
import org.osprey.detect.engine.PacketSources;
import org.osprey.stream.PacketStream;

/**
 * The engine and the client's detection as OSGi services, with detectors registered and unregistered live. Once
 * activated, the client's detection stays (Equinox keeps delayed components), and its run takes in every detector
 * registered here too: the tests count what their own runs and detectors do.
 */
@TestMethodOrder(OrderAnnotation.class)
class EngineServicesTest {

    private final BundleContext context = FrameworkUtil.getBundle(EngineServicesTest.class).getBundleContext();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();

    @AfterEach
    void unregister() {
        registrations.forEach(registration -> {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the test unregistered it itself
            }
        });
        trackers.forEach(ServiceTracker::close);
    }

    private <T> T service(Class<T> type, String filter) throws Exception {
        ServiceTracker<T, T> tracker = filter == null ? new ServiceTracker<>(context, type, null)
                : new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + type.getName() + ")"
                        + filter + ")"), null);
        tracker.open();
        trackers.add(tracker);
        T service = tracker.waitForService(Await.HANG_GUARD_MILLIS);
        assertNotNull(service, type.getSimpleName() + " service");
        return service;
    }

    private ServiceRegistration<Detector> register(Detector detector) {
        ServiceRegistration<Detector> registration = context.registerService(Detector.class, detector, null);
        registrations.add(registration);
        return registration;
    }

    /** A detector that counts the packets it sees (one alert each) and whether its inspector was closed. */
    private static final class Counting implements Detector {
        final String id;
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();

        Counting(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String name() {
            return id;
        }

        @Override
        public String version() {
            return "1.0.0";
        }

        @Override
        public PacketInspector start(org.osprey.detect.DetectorContext detectorContext) {
            started.incrementAndGet();
            return new PacketInspector() {
                @Override
                public void inspect(PacketSummary packet) {
                    detectorContext.alerts().raise(TestDetectors.perPacket(id, packet).toBuilder()
                            .severity(Severity.HIGH).build());
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }
    }

    private static DetectorStatus status(DetectionRun run, String id) {
        return run.detectors().stream().filter(status -> status.id().equals(id)).findFirst().orElse(null);
    }

    private static void awaitState(DetectionRun run, String id, State state) {
        Await.until(id + " " + state, () -> status(run, id) != null && status(run, id).state() == state,
                () -> String.valueOf(run.detectors()));
    }

    private static void awaitSeen(DetectionRun run, String id, long packets) {
        Await.until(id + " to see " + packets, () -> status(run, id).packetsSeen() == packets,
                () -> String.valueOf(status(run, id)));
    }

    @Test
    void detectorsRegisteredWhileARunGoesOnJoinItAndUnregisteredOnesLeave() throws Exception {
        List<PacketSummary> packets = Corpus.packets("pcaps/scan/synscan.pcapng");
        DetectionEngine engine = service(DetectionEngine.class, null);
        PacketStream stream = service(PacketStream.class, null);
        List<Alert> alerts = Collections.synchronizedList(new ArrayList<>());
        DetectionRun run = engine.start("services", PacketSources.ofStream(stream, stream.nextSequence()),
                alerts::add);
        try {
            Counting first = new Counting("join.first");
            ServiceRegistration<Detector> firstRegistration = register(first);
            awaitState(run, "join.first", State.ACTIVE);
            run.configure("join.first", Map.of(AlertHygiene.SUPPRESS_SECONDS, 0.0));
            for (int i = 0; i < 50; i++) {
                stream.publish(packets.get(i));
            }
            awaitSeen(run, "join.first", 50);

            firstRegistration.unregister();
            awaitState(run, "join.first", State.REMOVED);
            Await.until("every inspector of join.first closed (the client's run has one too when it is active)",
                    () -> first.closed.get() == first.started.get());

            Counting second = new Counting("join.second");
            register(second);
            awaitState(run, "join.second", State.ACTIVE);
            for (int i = 50; i < 80; i++) {
                stream.publish(packets.get(i));
            }
            awaitSeen(run, "join.second", 30);
            assertEquals(50, status(run, "join.first").packetsSeen(), "a removed detector sees nothing more");
            assertEquals(50, alerts.stream().filter(alert -> alert.detectorId().equals("join.first")).count());
            assertEquals(80, run.packetsInspected());
        } finally {
            run.close();
        }
    }

    @Test
    void aDetectorThatComesBackTakesItsPlaceWithItsCountersAndSettings() throws Exception {
        List<PacketSummary> packets = Corpus.packets("pcaps/scan/synscan.pcapng");
        DetectionEngine engine = service(DetectionEngine.class, null);
        PacketStream stream = service(PacketStream.class, null);
        DetectionRun run = engine.start("comeback", PacketSources.ofStream(stream, stream.nextSequence()), alert -> {
        });
        try {
            ServiceRegistration<Detector> before = register(new Counting("comeback"));
            awaitState(run, "comeback", State.ACTIVE);
            run.configure("comeback", Map.of(AlertHygiene.SUPPRESS_SECONDS, 5.0));
            for (int i = 0; i < 20; i++) {
                stream.publish(packets.get(i));
            }
            awaitSeen(run, "comeback", 20);
            before.unregister();
            awaitState(run, "comeback", State.REMOVED);

            // a drop-in bundle copied in again: a new service, a new object, the same id
            register(new Counting("comeback"));
            awaitState(run, "comeback", State.ACTIVE);
            for (int i = 20; i < 30; i++) {
                stream.publish(packets.get(i));
            }
            awaitSeen(run, "comeback", 30);
            assertEquals(1, run.detectors().stream().filter(status -> status.id().equals("comeback")).count());
            assertEquals(5.0, status(run, "comeback").settings().value(AlertHygiene.SUPPRESS_SECONDS));
        } finally {
            run.close();
        }
    }

    @Test
    void theClientsDetectionFeedsTheAlertStoreAndStartsAfreshWhenTheStreamIsCleared() throws Exception {
        List<PacketSummary> packets = Corpus.packets("pcaps/scan/synscan.pcapng");
        PacketStream stream = service(PacketStream.class, null);
        AlertStore store = service(AlertStore.class, null);
        DetectionRun client = service(DetectionRun.class, "(osprey.detection=client)");
        Counting detector = new Counting("client.every");
        register(detector);
        awaitState(client, "client.every", State.ACTIVE);
        client.configure("client.every", Map.of(AlertHygiene.SUPPRESS_SECONDS, 0.0));

        long firstSequence = stream.nextSequence();
        int before = store.entries().size();
        for (int i = 0; i < 30; i++) {
            stream.publish(packets.get(i));
        }
        awaitSeen(client, "client.every", 30);
        assertEquals(before + 30, store.entries().size());
        assertEquals(Severity.HIGH, store.severityOf(firstSequence + 29));

        AtomicInteger statusChanges = new AtomicInteger();
        client.addStatusListener(statusChanges::incrementAndGet);
        stream.clear();
        assertEquals(0, store.entries().size(), "the store was cleared with the stream");
        assertEquals(1, detector.closed.get(), "the old run's inspector was closed");
        assertTrue(statusChanges.get() > 0, "the views were told");
        awaitState(client, "client.every", State.ACTIVE);
        assertEquals(0, status(client, "client.every").packetsSeen(), "a fresh run");
        assertEquals(0.0, status(client, "client.every").settings().value(AlertHygiene.SUPPRESS_SECONDS),
                "the analyst's settings carried over");

        for (int i = 30; i < 40; i++) {
            stream.publish(packets.get(i));
        }
        awaitSeen(client, "client.every", 10);
        assertEquals(10, store.entries().size());
        assertEquals(0, client.packetsMissed());
    }

    @Test
    @Order(1)
    void theClientsRunIsNotStartedUntilSomeoneAsksForIt() throws Exception {
        // the agent product has this bundle too: the delayed component runs nothing until the client UI gets it
        ServiceReference<?>[] references = context.getServiceReferences(DetectionRun.class.getName(),
                "(osprey.detection=client)");
        assertNotNull(references, "registered as a service");
        assertEquals(1, references.length);
        Await.until("no client run thread while nobody uses the service", () -> !clientRunThreadAlive());

        DetectionRun client = service(DetectionRun.class, "(osprey.detection=client)");
        assertNotNull(client.detectors());
        assertTrue(clientRunThreadAlive(), "getting the service started the run");
    }

    private static boolean clientRunThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("osprey-detect " + ClientDetection.CLIENT));
    }
}
