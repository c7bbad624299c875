/**
 * The headless side of the alert views: which alerts a filter keeps
 * ({@link org.osprey.ui.alerts.internal.AlertFilter}), the filtered and sorted rows of the Alerts view
 * ({@link org.osprey.ui.alerts.internal.AlertRows}), the toast rate limit
 * ({@link org.osprey.ui.alerts.internal.ToastThrottle}), and the DS components that put alerts on the timeline
 * ({@link org.osprey.ui.alerts.internal.AlertMarkerFeed}) and give the client's detection run the analyst's stored
 * detector settings ({@link org.osprey.ui.alerts.internal.DetectorSettingsApplier}). No widgets here. Exported to the
 * tests only.
 */
package org.osprey.ui.alerts.internal;
