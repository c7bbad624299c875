package org.osprey.ui.alerts.internal;

import java.util.Locale;

import org.osprey.detect.Alert;
import org.osprey.detect.Severity;

/**
 * Which alerts the Alerts view shows: those at or above a severity, of one detector (or any), naming a host (or any).
 *
 * @param minimumSeverity the lowest severity shown
 * @param detectorId      the one detector shown, or {@code null} for every detector
 * @param host            the source or the destination address, or the start of one up to a separator
 *                        (case-insensitive): "10.0.0.5" finds that host and not 10.0.0.50, "10.0.0." or "10.0.0" the
 *                        network, "00:e0:4d" a MAC vendor; {@code ""} for any host
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
        if (address == null || address.length() < host.length()
                || !address.regionMatches(true, 0, host, 0, host.length())) {
            return false;
        }
        // a whole address, or a prefix that ends at a separator (a typed one, or the address's next character)
        return address.length() == host.length() || !Character.isLetterOrDigit(host.charAt(host.length() - 1))
                || !Character.isLetterOrDigit(address.charAt(host.length()));
    }
}
