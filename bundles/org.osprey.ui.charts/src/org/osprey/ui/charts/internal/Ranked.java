package org.osprey.ui.charts.internal;

/**
 * One entry of a top list: a host ("192.0.2.1", "2001:db8::1") or a service port ("tcp/443"), with what it counted.
 *
 * @param label what the chart writes on the bar
 * @param packets packets counted for it
 * @param bytes their wire bytes
 */
public record Ranked(String label, long packets, long bytes) {
}
