package org.osprey.ui.export;

/** Which packets File > Export Packets writes. */
public enum ExportScope {
    /** Every packet the client still holds (the ring buffer), whatever the display filter. */
    ALL("All packets"),
    /** The packets the table shows: those passing the display filter (and, while paused, the frozen view). */
    DISPLAYED("Displayed"),
    /** The rows selected in the table. */
    SELECTED("Selected");

    private final String label;

    ExportScope(String label) {
        this.label = label;
    }

    /** The text of the scope's radio button. */
    public String label() {
        return label;
    }
}
