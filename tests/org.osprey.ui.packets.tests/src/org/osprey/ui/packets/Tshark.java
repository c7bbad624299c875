package org.osprey.ui.packets;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What Wireshark's tshark says about a capture: the reference the table's texts are compared with. */
final class Tshark {

    private Tshark() {
    }

    /**
     * One row per packet tshark could read, with the given fields (tab-separated by tshark). A file cut short makes
     * tshark complain and exit non-zero after printing every packet before the cut: those rows are returned.
     */
    static List<String[]> fields(Path capture, String... fields) {
        List<String> command = new ArrayList<>(List.of(executable(), "-n", "-r", capture.toString(), "-T", "fields"));
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : run(command)) {
            rows.add(line.split("\t", -1));
        }
        return rows;
    }

    /** The number of packets in a capture, as Wireshark's capinfos counts them. */
    static long packetCount(Path capture) {
        List<String> lines = run(List.of(executable("capinfos"), "-M", "-c", "-T", "-r", capture.toString()));
        if (lines.size() != 1 || lines.get(0).split("\t").length != 2) {
            return fail("unexpected capinfos output for " + capture + ": " + lines);
        }
        return Long.parseLong(lines.get(0).split("\t")[1].trim());
    }

    /** The 16 hex bytes of the first line of tshark's hex dump ({@code -x}) of one frame (1-based number). */
    static List<String> firstHexLine(Path capture, int frameNumber) {
        List<String> lines = run(List.of(executable(), "-n", "-r", capture.toString(), "-x", "-Y",
                "frame.number==" + frameNumber));
        for (String line : lines) {
            if (line.startsWith("0000  ")) {
                return hexTokens(line);
            }
        }
        return fail("tshark printed no hex dump for frame " + frameNumber + " of " + capture + ": " + lines);
    }

    /** The hex byte tokens after the offset of one hex dump line (ours or tshark's), up to the ASCII column. */
    static List<String> hexTokens(String line) {
        List<String> bytes = new ArrayList<>();
        String[] tokens = line.trim().split("\\s+");
        for (int i = 1; i < tokens.length && bytes.size() < 16; i++) {
            if (!tokens[i].matches("[0-9a-f]{2}")) {
                break;
            }
            bytes.add(tokens[i]);
        }
        return bytes;
    }

    private static String executable() {
        return executable("tshark");
    }

    private static String executable(String name) {
        for (String folder : List.of("/usr/bin", "/usr/local/bin")) {
            Path candidate = Path.of(folder, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail(name + " is not installed: the UI tests compare the table with Wireshark's tools"
                + " (apt-get install tshark)");
    }

    private static List<String> run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("tshark did not finish: " + command);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        } catch (IOException e) {
            return fail("cannot run " + command + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running tshark");
        }
    }
}
