package org.osprey.detect;

/** How urgent an alert is, lowest first. */
public enum Severity {
    INFO(4), LOW(3), MEDIUM(2), HIGH(1), CRITICAL(1);

    private final int eveSeverity;

    Severity(int eveSeverity) {
        this.eveSeverity = eveSeverity;
    }

    /** Suricata's {@code alert.severity} for EVE JSON: 1 is the most severe, 4 the least. */
    public int eveSeverity() {
        return eveSeverity;
    }

    public boolean isAtLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
