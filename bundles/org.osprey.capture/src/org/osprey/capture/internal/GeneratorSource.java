package org.osprey.capture.internal;

import java.util.List;
import java.util.function.BooleanSupplier;

import org.osprey.capture.CaptureException;
import org.osprey.capture.GeneratorOptions;
import org.osprey.capture.internal.generator.TrafficGenerator;
import org.osprey.core.SummaryDecoder;
import org.osprey.stream.PacketStream;

/**
 * Publishes the {@link TrafficGenerator}'s frames at a steady rate ({@link RateSchedule}), timestamped with the
 * wall clock.
 */
final class GeneratorSource extends AbstractCaptureSource {

    private final GeneratorOptions options;
    private final BooleanSupplier keepGoing = this::running;
    private final WallClock clock = new WallClock();
    private TrafficGenerator generator;

    GeneratorSource(GeneratorOptions options, PacketStream target) {
        super(target);
        this.options = options;
    }

    @Override
    public String name() {
        return "generator";
    }

    @Override
    public String description() {
        String rate = options.packetsPerSecond() == GeneratorOptions.UNLIMITED ? "as fast as possible"
                : options.packetsPerSecond() + " packets/s";
        String attacks = options.attacks().isEmpty() ? "no attacks"
                : options.attacks().size() + " attack kinds, one every " + options.attackEveryPackets() + " packets";
        return "traffic generator (seed " + options.seed() + ", " + rate + ", " + attacks + ")";
    }

    @Override
    public List<Integer> linkTypes() {
        return List.of(SummaryDecoder.LINKTYPE_ETHERNET);
    }

    @Override
    protected void open() throws CaptureException {
        generator = new TrafficGenerator(options);
    }

    @Override
    protected boolean run() {
        long limit = options.packetLimit() == 0 ? Long.MAX_VALUE : options.packetLimit();
        RateSchedule schedule = new RateSchedule(options.packetsPerSecond());
        for (long sent = 0; sent < limit; sent++) {
            if (!running() || !schedule.awaitNext(keepGoing)) {
                return false;
            }
            byte[] frame = generator.nextFrame();
            publishFrame(frame, frame.length, frame.length, SummaryDecoder.LINKTYPE_ETHERNET, clock.nowNanos());
        }
        return true;
    }

    @Override
    protected void release() {
        generator = null;
    }
}
