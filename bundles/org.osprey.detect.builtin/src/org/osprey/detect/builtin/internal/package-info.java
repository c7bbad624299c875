/**
 * Osprey's built-in detectors, each a DS component providing {@link org.osprey.detect.Detector}. They use the SPI
 * only, exactly as a third-party detector would. Subpackages group them by what they watch.
 */
package org.osprey.detect.builtin.internal;
