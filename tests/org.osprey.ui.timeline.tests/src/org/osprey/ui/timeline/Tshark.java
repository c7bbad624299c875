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

    /** The time of every packet of the capture, in file order, as epoch nanoseconds. */
    static long[] epochNanos(Path capture) {
        Path tshark = Path.of("/usr/bin/tshark");
        if (!Files.isExecutable(tshark)) {
            return fail("tshark is needed as the reference: " + tshark);
        }
        try {
            Process process = new ProcessBuilder(tshark.toString(), "-n", "-r", capture.toString(), "-T", "fields",
                    "-e", "frame.time_epoch").redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines().toList();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("tshark did not finish on " + capture);
            }
            assertEquals(0, process.exitValue(), "tshark exit status on " + capture);
            return lines.stream().mapToLong(line -> new BigDecimal(line.trim()).movePointRight(9).longValueExact())
                    .toArray();
        } catch (IOException e) {
            return fail("cannot run tshark on " + capture, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted", e);
        }
    }
}
