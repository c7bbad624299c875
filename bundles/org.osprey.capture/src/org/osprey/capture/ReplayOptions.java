package org.osprey.capture;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to replay a pcap or pcapng file. Make one with {@link #of(Path)}; the default is one pass at the recorded
 * speed with the recorded timestamps.
 *
 * @param file the capture file (format told by its content)
 * @param speed how many times faster than recorded: 1 is the recorded pace, 10 ten times faster,
 *        {@link Double#POSITIVE_INFINITY} ({@link #AS_FAST_AS_POSSIBLE}) no pacing at all
 * @param repetitions how many passes over the file; {@link #FOREVER} (0) loops until stopped
 * @param timestamps what timestamps the published packets carry
 */
public record ReplayOptions(Path file, double speed, int repetitions, Timestamps timestamps) {

    public static final double AS_FAST_AS_POSSIBLE = Double.POSITIVE_INFINITY;
    public static final int FOREVER = 0;

    /** What timestamps replayed packets carry. */
    public enum Timestamps {
        /**
         * The file's own timestamps, unchanged (so every repetition of a loop repeats the same times). Right for
         * analysis: detectors that reason about time see the capture's real timing.
         */
        RECORDED,
        /**
         * The wall-clock time at which each packet is published, as if it were being captured now: for demos and
         * for feeding a live view. With pacing, the gaps between packets are the recorded gaps divided by the speed.
         */
        REBASED
    }

    public ReplayOptions {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(timestamps, "timestamps");
        if (!(speed > 0)) {
            throw new IllegalArgumentException("replay speed must be greater than 0, not " + speed);
        }
        if (repetitions < 0) {
            throw new IllegalArgumentException("repetitions must be 0 (forever) or more, not " + repetitions);
        }
    }

    public static Builder of(Path file) {
        return new Builder(file);
    }

    public boolean paced() {
        return speed != AS_FAST_AS_POSSIBLE;
    }

    public static final class Builder {
        private final Path file;
        private double speed = 1;
        private int repetitions = 1;
        private Timestamps timestamps = Timestamps.RECORDED;

        private Builder(Path file) {
            this.file = file;
        }

        /** Replays {@code factor} times faster than recorded (1 = recorded pace). */
        public Builder speed(double factor) { this.speed = factor; return this; }
        public Builder asFastAsPossible() { this.speed = AS_FAST_AS_POSSIBLE; return this; }
        /** Passes over the file; 0 = {@link ReplayOptions#FOREVER}. */
        public Builder repetitions(int passes) { this.repetitions = passes; return this; }
        /** Loops until stopped. */
        public Builder loop() { this.repetitions = FOREVER; return this; }
        public Builder timestamps(Timestamps mode) { this.timestamps = mode; return this; }

        public ReplayOptions build() {
            return new ReplayOptions(file, speed, repetitions, timestamps);
        }
    }
}
