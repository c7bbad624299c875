package org.osprey.capture;

/** Where a {@link CaptureSource} is in its life. It moves forward only: CREATED, RUNNING, then one of the ends. */
public enum CaptureState {
    /** Made, not started. */
    CREATED,
    /** Its capture thread is publishing packets. */
    RUNNING,
    /** It ended by itself: a replayed file (and all its repetitions) or a generator's packet limit is done. */
    FINISHED,
    /** {@link CaptureSource#stop()} ended it. */
    STOPPED,
    /** It failed; {@link CaptureSource#failure()} says why. What it published before stays published. */
    FAILED;

    /** True for the three end states. */
    public boolean isTerminal() {
        return this == FINISHED || this == STOPPED || this == FAILED;
    }
}
