package org.osprey.capture.internal;

import java.util.List;
import java.util.function.BooleanSupplier;

import org.osprey.capture.CaptureException;
import org.osprey.capture.GeneratorOptions;
import org.osprey.capture.internal.generator.TrafficGenerator;
import org.osprey.core.SummaryDecoder;
import org.osprey.stream.PacketStream;

/**
 * Publishes the {@link TrafficGenerator}'s frames at a steady rate, timestamped with the wall clock.
 * <p>
 * Pacing is a deadline loop: packet {@code n} is due at {@code start + n / rate}; the loop publishes every packet
 * that is due and parks only when the next one is more than {@link Pacer#EARLY_NANOS} away, so high rates go out
 * in short bursts with an exact average and low rates cost no CPU between packets. When the thread falls more than
 * {@value #MAX_BACKLOG_MILLIS} ms behind (the machine is too slow for the rate, or was suspended), the schedule is
 * moved up instead of bursting to catch up.
 */
final class GeneratorSource extends AbstractCaptureSource {

    private static final long MAX_BACKLOG_MILLIS = 250;

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
        int rate = options.packetsPerSecond();
        double period = rate == GeneratorOptions.UNLIMITED ? 0 : 1e9 / rate;
        long maxBacklog = MAX_BACKLOG_MILLIS * 1_000_000L;
        long start = System.nanoTime();
        long scheduled = 0; // packets counted from start
        for (long sent = 0; sent < limit; sent++, scheduled++) {
            if (!running()) {
                return false;
            }
            if (rate != GeneratorOptions.UNLIMITED) {
                long due = start + (long) (scheduled * period);
                long late = System.nanoTime() - due;
                if (late > maxBacklog) {
                    start += late;
                    due += late;
                }
                if (!Pacer.awaitDeadline(due, keepGoing)) {
                    return false;
                }
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
