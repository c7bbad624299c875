/**
 * The detection engine's implementation. {@link org.osprey.detect.internal.Engine} holds the detectors and runs;
 * each {@link org.osprey.detect.internal.Run} has a worker thread that pulls batches from its source and hands each
 * batch to each detector in turn ({@link org.osprey.detect.internal.DetectorSlot}: inspector, filter, settings,
 * counters, {@link org.osprey.detect.internal.AlertGate hygiene}); a watchdog thread per engine abandons calls that do
 * not return within {@link org.osprey.detect.internal.EngineBudgets the budget}. The DS services:
 * {@link org.osprey.detect.internal.DetectionEngineComponent} (the engine over every Detector service),
 * {@link org.osprey.detect.internal.ClientDetection} (the client's run, as a DetectionRun service) and
 * {@link org.osprey.detect.internal.AlertStoreImpl}. Not API: exported to the tests, benchmarks and the agent only.
 */
package org.osprey.detect.internal;
