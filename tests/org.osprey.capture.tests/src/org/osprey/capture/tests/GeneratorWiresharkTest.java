package org.osprey.capture.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.capture.GeneratorOptions;
import org.osprey.capture.internal.generator.TrafficGenerator;
import org.osprey.core.SummaryDecoder;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureFormat;
import org.osprey.core.io.CaptureWriter;

/**
 * Wireshark as the outside judge of the generator's frames: written to a pcap file, tshark (with checksum
 * validation on) finds nothing malformed, no error and no bad checksum, and recognises every protocol of the mix.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GeneratorWiresharkTest {

    private static final int FRAMES = 60_000;
    private static final String PROBLEMS = "_ws.malformed || _ws.expert.severity == error"
            + " || ip.checksum.status == \"Bad\" || tcp.checksum.status == \"Bad\""
            + " || udp.checksum.status == \"Bad\" || icmp.checksum.status == \"Bad\"";

    @Test
    void wiresharkFindsEveryFrameWellFormedWithGoodChecksumsAndKnowsEveryProtocol(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("generated.pcap");
        TrafficGenerator generator = new TrafficGenerator(GeneratorOptions.withSeed(99).attackEveryPackets(1000)
                .build());
        try (CaptureWriter writer = CaptureFiles.create(file, CaptureFormat.PCAP, SummaryDecoder.LINKTYPE_ETHERNET)) {
            for (int i = 0; i < FRAMES; i++) {
                byte[] frame = generator.nextFrame();
                writer.write(frame, frame.length, frame.length, SummaryDecoder.LINKTYPE_ETHERNET, 0,
                        1_700_000_000_000_000_000L + i * 100_000L);
            }
        }

        List<String> problems = tshark(file, "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                "-o", "udp.check_checksum:TRUE", "-Y", PROBLEMS, "-T", "fields", "-e", "frame.number", "-e",
                "_ws.col.Info");
        assertEquals(List.of(), problems.subList(0, Math.min(10, problems.size())),
                problems.size() + " frames with problems");

        Set<String> protocols = new TreeSet<>();
        for (String line : tshark(file, "-T", "fields", "-e", "frame.protocols")) {
            protocols.addAll(Arrays.asList(line.split(":")));
        }
        assertTrue(protocols.containsAll(List.of("eth", "arp", "ip", "tcp", "udp", "icmp", "tls", "http", "dns",
                "ssh", "ntp", "ftp", "telnet")), protocols.toString());

        List<String> serverNames = tshark(file, "-Y", "tls.handshake.type == 1", "-T", "fields", "-e",
                "tls.handshake.extensions_server_name");
        assertTrue(serverNames.size() > 50, "ClientHellos: " + serverNames.size());
        assertTrue(serverNames.stream().allMatch(name -> name.matches("[a-z]+\\.[a-z-]+\\.(com|net|org)")),
                serverNames.toString());
    }

    /** The non-blank output lines of {@code tshark -n -r file args...}. */
    private static List<String> tshark(Path file, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable(), "-n", "-r", file.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            fail("tshark failed: " + String.join(" ", command));
        }
        return out.lines().filter(line -> !line.isBlank()).toList();
    }

    private static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "tshark");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("tshark is not installed (Debian package 'tshark'): it judges the generator's frames");
    }
}
