package org.osprey.detect.internal;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongPredicate;

import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.Detector;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorParameter;
import org.osprey.detect.PacketInspector;

/** Small detectors with known behaviour for the engine's tests. */
final class TestDetectors {

    private TestDetectors() {
    }

    /** A detector made of an id, a filter and an inspector factory. */
    record Simple(String id, String filter, java.util.function.Function<DetectorContext, PacketInspector> factory,
            List<DetectorParameter> parameters) implements Detector {

        Simple(String id, String filter, java.util.function.Function<DetectorContext, PacketInspector> factory) {
            this(id, filter, factory, List.of());
        }

        @Override
        public String name() {
            return "test " + id;
        }

        @Override
        public String version() {
            return "1.0.0";
        }

        @Override
        public PacketInspector start(DetectorContext context) {
            return factory.apply(context);
        }
    }

    /** Raises one alert per packet, naming the packet's addresses, so that every packet it sees can be counted. */
    static Detector everyPacket(String id) {
        return new Simple(id, null, context -> packet -> context.alerts().raise(perPacket(id, packet)));
    }

    static Alert perPacket(String id, PacketSummary packet) {
        return Alert.builder(id, 1, "packet seen").source(packet.source(), packet.srcPort())
                .destination(packet.destination(), packet.dstPort()).packet(packet).build();
    }

    /** Throws on the packets the predicate picks. */
    static Detector throwsOn(String id, LongPredicate sequence) {
        return new Simple(id, null, context -> packet -> {
            if (sequence.test(packet.sequence())) {
                throw new IllegalStateException("broken on packet " + packet.sequence());
            }
        });
    }

    /** Spins without end on the packets the predicate picks (the engine's watchdog must abandon it). */
    static Detector spinsOn(String id, LongPredicate sequence, CountDownLatch spinning) {
        return new Simple(id, null, context -> packet -> {
            if (sequence.test(packet.sequence())) {
                spinning.countDown();
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.onSpinWait();
                }
                // interrupted: come back late, as a thread the engine abandoned, and try to raise
                context.alerts().raise(perPacket(id, packet));
            }
        });
    }

    /** Does nothing: the engine's overhead alone. */
    static Detector noOp(String id) {
        return new Simple(id, null, context -> packet -> {
        });
    }
}
