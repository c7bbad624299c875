package org.osprey.ui;

import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.osprey.detect.Severity;

/**
 * The colour of each alert severity, as a light tint that dark text stays readable on: the Alerts view's severity
 * cells and the packet table's rows of alerted packets use them, so that one severity looks the same everywhere. SWT
 * colours made from RGB values hold no operating-system resource, so they are plain constants.
 */
public final class SeverityColors {

    private static final RGB[] TINTS = {
        new RGB(0xE4, 0xEA, 0xF0), // INFO: grey-blue
        new RGB(0xCF, 0xE8, 0xFC), // LOW: pale blue
        new RGB(0xFF, 0xE8, 0xA3), // MEDIUM: amber
        new RGB(0xFF, 0xC2, 0x9E), // HIGH: orange
        new RGB(0xFF, 0x99, 0x99), // CRITICAL: red
    };

    private static final Color[] COLORS = new Color[TINTS.length];

    static {
        for (int i = 0; i < TINTS.length; i++) {
            COLORS[i] = new Color(TINTS[i]);
        }
    }

    private SeverityColors() {
    }

    /** The tint of a severity. */
    public static Color of(Severity severity) {
        return COLORS[severity.ordinal()];
    }
}
