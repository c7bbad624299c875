package org.osprey.core.tests.io;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Wireshark's capinfos and tshark, the reference the reader is checked against. */
public final class Capinfos {

    /** What capinfos says about a file; times are null when the file has no packets ("n/a"). */
    public record Info(int exitCode, long packets, String earliest, String latest, String fileType, String output) {
    }

    private Capinfos() {
    }

    /** capinfos -T -r -M -c -a -e -S -t: packet count, earliest and latest time in epoch seconds, file type. */
    public static Info of(Path file) {
        List<String> lines = run("capinfos", "-T", "-r", "-M", "-c", "-a", "-e", "-S", "-t", file.toString());
        int exit = Integer.parseInt(lines.remove(lines.size() - 1));
        String output = String.join("\n", lines);
        if (exit != 0 || lines.isEmpty()) {
            return new Info(exit, -1, null, null, null, output);
        }
        // columns: file name, file type, packets, earliest, latest
        String[] fields = lines.get(lines.size() - 1).split("\t");
        if (fields.length < 5) {
            return new Info(exit == 0 ? -1 : exit, -1, null, null, null, output);
        }
        return new Info(exit, Long.parseLong(fields[2].trim()), time(fields[3]), time(fields[4]), fields[1].trim(),
                output);
    }

    private static String time(String field) {
        String text = field.trim();
        return text.equals("n/a") ? null : text;
    }

    /**
     * Our nanosecond timestamp as capinfos prints it: epoch seconds with as many decimals as {@code reference} has
     * (6 for microsecond files, 9 for nanosecond), truncated like capinfos does.
     */
    public static String format(long nanos, String reference) {
        int dot = reference.indexOf('.');
        int decimals = dot < 0 ? 0 : reference.length() - dot - 1;
        BigDecimal seconds = BigDecimal.valueOf(nanos).movePointLeft(9);
        return seconds.setScale(decimals, java.math.RoundingMode.FLOOR).toPlainString();
    }

    /** tshark -r FILE -T fields -E separator=/t with the given fields, one line per packet. */
    public static List<String[]> tsharkFields(Path file, String... fields) {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(), "-T", "fields",
                "-E", "separator=/t", "-E", "occurrence=f"));
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        List<String> lines = run(command.toArray(String[]::new));
        int exit = Integer.parseInt(lines.remove(lines.size() - 1));
        if (exit != 0) {
            fail("tshark failed with exit code " + exit + " on " + file + ":\n" + String.join("\n", lines));
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : lines) {
            rows.add(line.split("\t", -1));
        }
        return rows;
    }

    /** Runs tshark with these arguments and returns its output lines; fails the test when tshark fails. */
    public static List<String> tshark(String... arguments) {
        List<String> command = new ArrayList<>(List.of("tshark"));
        command.addAll(List.of(arguments));
        List<String> lines = run(command.toArray(String[]::new));
        int exit = Integer.parseInt(lines.remove(lines.size() - 1));
        if (exit != 0) {
            fail("tshark failed with exit code " + exit + ": " + String.join("\n", lines));
        }
        return lines;
    }

    /** tshark -x output for one packet (1-based number): the hex dump lines. */
    public static List<String> tsharkHex(Path file, int packetNumber) {
        List<String> lines = run("tshark", "-n", "-r", file.toString(), "-x", "-Y", "frame.number == " + packetNumber);
        lines.remove(lines.size() - 1);
        return lines;
    }

    /**
     * Runs a Wireshark tool; the last element of the result is the exit code, the others are the lines of its
     * standard output, followed by those of its standard error when it failed (tshark warns on stderr when run as
     * root, which must not mix with its output).
     */
    static List<String> run(String... command) {
        Path tool = Path.of("/usr/bin", command[0]);
        if (!Files.isExecutable(tool) && !onPath(command[0])) {
            fail(command[0] + " is missing: apt-get install wireshark-common/tshark (capinfos is in wireshark-common,"
                    + " tshark in tshark); these tests compare the reader with Wireshark and cannot run without it");
        }
        Path errors = null;
        try {
            errors = Files.createTempFile("osprey-" + command[0], ".stderr");
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in 120 s");
            }
            List<String> lines = new ArrayList<>(out.isEmpty() ? List.of() : List.of(out.split("\n")));
            if (process.exitValue() != 0) {
                lines.addAll(Files.readAllLines(errors));
            }
            lines.add(Integer.toString(process.exitValue()));
            return lines;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + ": apt-get install wireshark-common/tshark", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command[0], e);
        } finally {
            if (errors != null) {
                try {
                    Files.deleteIfExists(errors);
                } catch (IOException e) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    private static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
