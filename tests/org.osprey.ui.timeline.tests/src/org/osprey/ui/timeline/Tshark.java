package org.osprey.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Packet times as Wireshark's tshark reads them: the reference the timeline's counts are compared with. */
final class Tshark {

    private Tshark() {
    }

    /** The number of packets in a capture, as Wireshark's capinfos counts them. */
    static long packetCount(Path capture) {
        List<String> lines = run(List.of("/usr/bin/capinfos", "-M", "-c", "-T", "-r", capture.toString()));
        String[] fields = lines.size() == 1 ? lines.get(0).split("\t") : new String[0];
        if (fields.length != 2) {
            return fail("unexpected capinfos output for " + capture + ": " + lines);
        }
        return Long.parseLong(fields[1].trim());
    }

    /** The time of every packet of the capture, in file order, as epoch nanoseconds. */
    static long[] epochNanos(Path capture) {
        Path tshark = Path.of("/usr/bin/tshark");
        if (!Files.isExecutable(tshark)) {
            return fail("tshark is needed as the reference: " + tshark);
        }
        List<String> lines = run(List.of(tshark.toString(), "-n", "-r", capture.toString(), "-T", "fields", "-e",
                "frame.time_epoch"));
        return lines.stream().mapToLong(line -> new BigDecimal(line.trim()).movePointRight(9).longValueExact())
                .toArray();
    }

    /** The lines a command prints; fails unless it exits with 0 within two minutes. */
    private static List<String> run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines().toList();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail(command + " did not finish");
            }
            assertEquals(0, process.exitValue(), "exit status of " + command);
            return lines;
        } catch (IOException e) {
            return fail("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted", e);
        }
    }
}
