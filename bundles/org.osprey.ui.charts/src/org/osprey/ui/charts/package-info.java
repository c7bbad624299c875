/**
 * The Charts view ({@link org.osprey.ui.charts.ChartsPart}): packets/s and bytes/s over the last minute of packet
 * time, protocol mix, top talkers and top service ports, drawn with Eclipse SWTChart in the application's side stack.
 */
package org.osprey.ui.charts;
