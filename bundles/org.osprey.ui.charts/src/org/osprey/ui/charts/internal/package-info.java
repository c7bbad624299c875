/**
 * The headless side of the Charts view: {@link org.osprey.ui.charts.internal.TrafficStatistics} (what is counted and
 * how), fed from the stream by {@link org.osprey.ui.charts.internal.StatisticsFeed}, read as
 * {@link org.osprey.ui.charts.internal.TrafficSnapshot}s. No SWT here: all of it is testable without a Display.
 * Exported to the tests only.
 */
package org.osprey.ui.charts.internal;
