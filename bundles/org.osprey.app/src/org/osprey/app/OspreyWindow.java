package org.osprey.app;

import java.nio.file.Path;

/** The main window's title. */
final class OspreyWindow {

    static final String APP_NAME = "Osprey";

    private OspreyWindow() {
    }

    /** "Osprey — synscan.pcapng (/path/to)", like other desktop tools that name the open document first. */
    static String title(Path file) {
        Path folder = file.getParent();
        return APP_NAME + " \u2014 " + file.getFileName() + (folder != null ? " (" + folder + ")" : "");
    }
}
