package org.osprey.ui.charts;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** What Wireshark's tshark says about a capture: the independent reference the charts' numbers are compared with. */
final class Tshark {

    private Tshark() {
    }

    /** One row per packet (matching {@code displayFilter}, or every packet when it is null) with the given fields. */
    static List<String[]> fields(Path capture, String displayFilter, String... fields) {
        List<String> command = new ArrayList<>(List.of(executable(), "-n", "-r", capture.toString(), "-T", "fields"));
        if (displayFilter != null) {
            command.add("-Y");
            command.add(displayFilter);
        }
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

    /**
     * Packets and wire bytes per second of packet time (seconds since the epoch, from {@code frame.time_epoch}), as
     * Wireshark's I/O graph counts them at a one-second interval.
     *
     * @return second -> {packets, bytes}, in time order
     */
    static TreeMap<Long, long[]> perSecond(Path capture) {
        TreeMap<Long, long[]> seconds = new TreeMap<>();
        for (String[] row : fields(capture, null, "frame.time_epoch", "frame.len")) {
            long second = new BigDecimal(row[0]).setScale(0, RoundingMode.FLOOR).longValueExact();
            long[] counts = seconds.computeIfAbsent(second, s -> new long[2]);
            counts[0]++;
            counts[1] += Long.parseLong(row[1]);
        }
        return seconds;
    }

    /**
     * Wireshark's Endpoints statistics ({@code -z endpoints,ip} or {@code ipv6}): address -> {packets, bytes}, bytes
     * being what the host sent plus what it received.
     */
    static Map<String, long[]> endpoints(Path capture, String type) {
        Map<String, long[]> endpoints = new HashMap<>();
        boolean inTable = false;
        for (String line : run(List.of(executable(), "-n", "-q", "-r", capture.toString(), "-z", "endpoints," + type))) {
            if (line.contains("|  Packets  |")) {
                inTable = true;
            } else if (line.startsWith("====")) {
                inTable = false;
            } else if (inTable && !line.isBlank()) {
                String[] columns = line.trim().split("\\s+");
                endpoints.put(columns[0], new long[] { Long.parseLong(columns[1]), Long.parseLong(columns[2]) });
            }
        }
        return endpoints;
    }

    /**
     * Packets and wire bytes per TCP/UDP service port ("tcp/80"), the lower port of each packet, from tshark's port
     * fields. ICMP errors quote a TCP/UDP header that is not a TCP/UDP packet of its own: they are left out.
     *
     * @return "tcp/80" -> {packets, bytes}
     */
    static Map<String, long[]> servicePorts(Path capture) {
        Map<String, long[]> ports = new HashMap<>();
        for (String[] row : fields(capture, "(tcp or udp) and not icmp and not icmpv6", "tcp.srcport", "tcp.dstport",
                "udp.srcport", "udp.dstport", "frame.len")) {
            boolean tcp = !row[0].isEmpty();
            int source = Integer.parseInt(tcp ? row[0] : row[2]);
            int destination = Integer.parseInt(tcp ? row[1] : row[3]);
            int service = Math.min(source, destination);
            long[] counts = ports.computeIfAbsent((tcp ? "tcp/" : "udp/") + service, port -> new long[2]);
            counts[0]++;
            counts[1] += Long.parseLong(row[4]);
        }
        return ports;
    }

    private static String executable() {
        for (String folder : List.of("/usr/bin", "/usr/local/bin")) {
            Path candidate = Path.of(folder, "tshark");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("tshark is not installed: the chart tests compare with Wireshark's counts (apt-get install tshark)");
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
