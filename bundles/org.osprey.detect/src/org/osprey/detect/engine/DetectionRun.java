package org.osprey.detect.engine;

import java.util.List;
import java.util.Map;

/**
 * One run of every detector over one packet source, on a thread of the engine's own. Detectors that appear while it
 * runs join it from the next packet; detectors that go away leave it. Closing it stops it and closes the inspectors.
 */
public interface DetectionRun extends AutoCloseable {

    /** A snapshot of each detector the run has seen, in the order they joined. */
    List<DetectorStatus> detectors();

    /** Packets taken from the source so far. */
    long packetsInspected();

    /** Packets the source lost before the run saw them ({@link PacketSource#missed()}). */
    long packetsMissed();

    /**
     * Applies the analyst's values to a detector from its next packet on; values not named go back to their defaults.
     *
     * @throws IllegalArgumentException for an unknown detector, key or a value out of range (nothing is changed)
     */
    void configure(String detectorId, Map<String, Double> values);

    /** Lets a quarantined detector inspect again, with a fresh inspector. */
    void reinstate(String detectorId);

    /**
     * Waits until the source ended and every packet was inspected (a file), or the run was closed.
     *
     * @return the reason the source ended early (a read error), or {@code null} when it ended normally
     */
    String awaitEnd() throws InterruptedException;

    void addStatusListener(Runnable listener);

    void removeStatusListener(Runnable listener);

    /** Stops the run; alerts raised by the inspectors' {@code close} are still delivered. */
    @Override
    void close();
}
