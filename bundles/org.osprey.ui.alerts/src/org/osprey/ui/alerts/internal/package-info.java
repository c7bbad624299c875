/**
 * The headless side of the alert views: which alerts a filter keeps ({@link org.osprey.ui.alerts.internal.AlertFilter}),
 * the filtered and sorted rows of the Alerts view ({@link org.osprey.ui.alerts.internal.AlertRows}), the toast rate
 * limit ({@link org.osprey.ui.alerts.internal.ToastThrottle}), and the DS components that put alerts on the timeline
 * and apply the analyst's detector settings to the client's detection run. No widgets here. Exported to the tests only.
 */
package org.osprey.ui.alerts.internal;
