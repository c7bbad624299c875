package org.osprey.core.tests.decode;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs Wireshark's tshark on a capture and returns the asked-for fields of every packet, as the oracle. */
final class Tshark {

    private Tshark() {
    }

    /** The tshark executable, or a test failure that says how to get it. */
    static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "tshark");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("tshark is not installed, and these tests compare the decoder with it: apt-get install tshark");
    }

    /**
     * One map per packet from field name to its value (first occurrence only, so the outer header of a tunnelled or
     * ICMP-error packet; "" when the packet has no such field).
     */
    static List<Map<String, String>> fields(Path capture, List<String> fields) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable(), "-n", "-r", capture.toString(),
                // no reassembly: each packet is dissected on its own, as the summary decoder sees it
                "-o", "tcp.desegment_tcp_streams:FALSE", "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE",
                "-o", "tcp.relative_sequence_numbers:FALSE",
                // no sequence analysis: Win= then shows the window field, not one scaled by an earlier SYN's option
                "-o", "tcp.analyze_sequence_numbers:FALSE", "--enable-protocol", "communityid",
                "-T", "fields", "-E", "separator=/t", "-E", "occurrence=f"));
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        Path output = Files.createTempFile("osprey-tshark", ".tsv");
        Path errors = Files.createTempFile("osprey-tshark", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                    .redirectError(errors.toFile()).start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("tshark did not finish in 10 minutes on " + capture);
            }
            if (process.exitValue() != 0) {
                fail("tshark failed on " + capture + " (exit " + process.exitValue() + "): "
                        + Files.readString(errors, StandardCharsets.UTF_8));
            }
            List<Map<String, String>> rows = new ArrayList<>();
            // decoded leniently: tshark copies undecodable bytes of some fields through as they are
            for (String line : new String(Files.readAllBytes(output), StandardCharsets.UTF_8).split("\n")) {
                String[] values = line.split("\t", -1);
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < fields.size(); i++) {
                    row.put(fields.get(i), i < values.length ? values[i] : "");
                }
                rows.add(row);
            }
            return rows;
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }
}
