package org.osprey.stream.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs Wireshark's tshark at test time: the reference the display-filter language is checked against. */
final class Tshark {

    private Tshark() {
    }

    /** The 1-based frame numbers tshark shows for {@code tshark -r file -Y filter}. */
    static List<Long> matchingFrames(Path file, String filter) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(executable(), "-n", "-r", file.toString(), "-Y", filter, "-T", "fields",
                "-e", "frame.number").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
            fail("tshark exited with " + exit + " for -Y \"" + filter + "\" on " + file);
        }
        List<Long> frames = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                frames.add(Long.parseLong(line.trim()));
            }
        }
        return frames;
    }

    /** The sum of frame.len over the capture, as tshark reads it. */
    static long totalWireBytes(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(executable(), "-n", "-r", file.toString(), "-T", "fields", "-e",
                "frame.len").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            fail("tshark failed reading " + file);
        }
        return out.lines().filter(l -> !l.isBlank()).mapToLong(l -> Long.parseLong(l.trim())).sum();
    }

    private static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "tshark");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("tshark is not installed (Debian package 'tshark'): the display-filter tests compare against it");
    }
}
