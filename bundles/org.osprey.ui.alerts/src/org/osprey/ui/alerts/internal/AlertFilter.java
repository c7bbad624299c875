package org.osprey.ui.alerts.internal;

import java.util.Locale;

import org.osprey.detect.Alert;
import org.osprey.detect.Severity;

/**
 * Which alerts the Alerts view shows: those at or above a severity, of one detector (or any), naming a host (or any).
 *
 * @param minimumSeverity the lowest severity shown
 * @param detectorId      the one detector shown, or {@code null} for every detector
 * @param host            text that the source or the destination address must contain (case-insensitive), or
 *                        {@code ""} for any host; "10.0.0." finds a network, ":80" is not an address and finds nothing
 */
public record AlertFilter(Severity minimumSeverity, String detectorId, String host) {

    /** Shows everything. */
    public static final AlertFilter ALL = new AlertFilter(Severity.values()[0], null, "");

    public AlertFilter {
        host = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
    }

    public boolean matches(Alert alert) {
        return alert.severity().isAtLeast(minimumSeverity)
                && (detectorId == null || detectorId.equals(alert.detectorId()))
                && (host.isEmpty() || contains(alert.sourceAddress()) || contains(alert.destinationAddress()));
    }

    public AlertFilter withMinimumSeverity(Severity severity) {
        return new AlertFilter(severity, detectorId, host);
    }

    public AlertFilter withDetector(String id) {
        return new AlertFilter(minimumSeverity, id, host);
    }

    public AlertFilter withHost(String text) {
        return new AlertFilter(minimumSeverity, detectorId, text);
    }

    private boolean contains(String address) {
        return address != null && address.toLowerCase(Locale.ROOT).contains(host);
    }
}
