package org.osprey.ui.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What Wireshark's tshark and capinfos say about a capture file: the reference exported files are checked with. */
public final class Wireshark {

    private Wireshark() {
    }

    /**
     * One row per packet: epoch time (as tshark prints it), wire length, captured length and the MD5 of the captured
     * bytes.
     */
    public static List<String[]> packets(Path capture) {
        List<String[]> rows = new ArrayList<>();
        for (String line : run(List.of(executable("tshark"), "-n", "-o", "frame.generate_md5_hash:TRUE", "-r",
                capture.toString(), "-T", "fields", "-e", "frame.time_epoch", "-e", "frame.len", "-e",
                "frame.cap_len", "-e", "frame.md5_hash"))) {
            rows.add(line.split("\t", -1));
        }
        return rows;
    }

    /** One value per packet: the given tshark field. */
    public static List<String> fields(Path capture, String field) {
        return run(List.of(executable("tshark"), "-n", "-r", capture.toString(), "-T", "fields", "-e", field));
    }

    /** capinfos' table row for the file: {@code -T -r} with the given field options (e.g. -c, -t, -E). */
    public static String[] capinfos(Path capture, String... options) {
        List<String> command = new ArrayList<>(List.of(executable("capinfos"), "-M", "-T", "-r"));
        command.addAll(List.of(options));
        command.add(capture.toString());
        List<String> lines = run(command);
        if (lines.size() != 1) {
            return fail("unexpected capinfos output for " + capture + ": " + lines);
        }
        return lines.get(0).split("\t", -1);
    }

    private static String executable(String name) {
        for (String folder : List.of("/usr/bin", "/usr/local/bin")) {
            Path candidate = Path.of(folder, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail(name + " is not installed: exported files are checked with Wireshark's tools"
                + " (apt-get install tshark)");
    }

    private static List<String> run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("did not finish: " + command);
            }
            if (process.exitValue() != 0) {
                return fail("exit " + process.exitValue() + ": " + command);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        } catch (IOException e) {
            return fail("cannot run " + command + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + command);
        }
    }
}
