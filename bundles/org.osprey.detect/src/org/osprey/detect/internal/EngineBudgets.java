package org.osprey.detect.internal;

/**
 * The engine's limits on detectors, all in wall-clock time of the engine's own thread (detectors themselves only ever
 * see packet time).
 *
 * @param stallNanos         one call into a detector (its filter and inspector over one batch, {@code timeAdvanced},
 *                           {@code start} or {@code close}) that has not returned after this long is taken for a spin
 *                           or a block: the detector is quarantined and the run goes on on a fresh thread
 * @param slowNanosPerPacket a detector that spends more than this per packet offered to it (its filter included),
 *                           averaged over {@code slowWindowPackets}, is quarantined as too slow
 * @param slowWindowPackets  the number of packets the average is taken over
 * @param batchSize          packets taken from the source at a time; each detector sees a whole batch per call
 * @param idleWaitNanos      how long a run waits before asking a live source again when it had nothing new
 */
public record EngineBudgets(long stallNanos, long slowNanosPerPacket, int slowWindowPackets, int batchSize,
        long idleWaitNanos) {

    /**
     * 2 s for a call (a batch of 256 packets at the slow budget takes 13 ms, so 2 s is a spin or a block, never a
     * busy moment); 50 µs per packet over 10,000 packets (a detector at that pace alone limits the run to 20,000
     * packets/s, below a busy link); batches of 256; 5 ms between looks at an idle live source.
     */
    public static final EngineBudgets DEFAULTS = new EngineBudgets(2_000_000_000L, 50_000L, 10_000, 256, 5_000_000L);

    public EngineBudgets {
        if (stallNanos <= 0 || slowNanosPerPacket <= 0 || slowWindowPackets <= 0 || batchSize <= 0
                || idleWaitNanos <= 0) {
            throw new IllegalArgumentException("engine budgets must be positive: stall " + stallNanos
                    + " ns, slow " + slowNanosPerPacket + " ns per packet over " + slowWindowPackets
                    + " packets, batch " + batchSize + ", idle wait " + idleWaitNanos + " ns");
        }
    }

    public EngineBudgets withStallNanos(long nanos) {
        return new EngineBudgets(nanos, slowNanosPerPacket, slowWindowPackets, batchSize, idleWaitNanos);
    }

    public EngineBudgets withSlowBudget(long nanosPerPacket, int windowPackets) {
        return new EngineBudgets(stallNanos, nanosPerPacket, windowPackets, batchSize, idleWaitNanos);
    }
}
