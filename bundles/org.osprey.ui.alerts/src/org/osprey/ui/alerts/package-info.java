/**
 * What the detectors found, in the desktop client: the Alerts view ({@link org.osprey.ui.alerts.AlertsPart}), the
 * Detectors view ({@link org.osprey.ui.alerts.DetectorsPart}) and toast notifications
 * ({@link org.osprey.ui.alerts.AlertToasts}), contributed by this bundle's model fragment; alerts also appear as marks
 * on the timeline and as tinted rows in the packet table. Osprey's own bundles may use this package; it is not promised
 * to third parties (see docs/api-policy.md).
 */
package org.osprey.ui.alerts;
