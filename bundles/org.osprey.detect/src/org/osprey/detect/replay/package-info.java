/**
 * The SDK's replay harness for detector authors: {@link org.osprey.detect.replay.DetectorReplay} runs detectors over a
 * capture file the way the engine runs them live and returns their alerts and statuses; plain Java, no OSGi needed.
 */
package org.osprey.detect.replay;
