/**
 * Beaconing: {@link org.osprey.detect.builtin.internal.beacon.BeaconDetector} finds hosts that connect to one
 * destination at regular intervals (a low coefficient of variation over the last N connection starts), with state
 * bounded per host, destination and port.
 */
package org.osprey.detect.builtin.internal.beacon;
