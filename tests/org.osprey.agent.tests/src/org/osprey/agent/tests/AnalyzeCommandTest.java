package org.osprey.agent.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osprey.agent.internal.AgentApplication;
import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;
import org.osprey.detect.Alert;
import org.osprey.detect.Detector;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.eve.EveJson;

/**
 * {@code osprey analyze} with detection: every Detector service runs over the file and its alerts come out as EVE
 * lines. A detector of the test's own (registered as a service next to the built-in ones) counts SYNs and reports the
 * count when the run ends, compared with a count taken from the file directly.
 */
class AnalyzeCommandTest {

    private static final String COUNTER = "test.analyze.syns";
    private static final Path SYN_SCAN = corpus().resolve("pcaps/scan/TCP_SYN_SCAN.pcap");

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private ServiceRegistration<Detector> counter;

    private static Path corpus() {
        return Path.of(System.getProperty("osprey.corpus", "../../../shared/corpus"));
    }

    /** Raises one alert at the end of the run with the number of SYNs (without ACK) it saw. */
    private static final class SynCounter implements Detector {
        @Override
        public String id() {
            return COUNTER;
        }

        @Override
        public String name() {
            return "SYN counter";
        }

        @Override
        public String version() {
            return "1.0.0";
        }

        @Override
        public String filter() {
            return "tcp.flags.syn == 1 && tcp.flags.ack == 0";
        }

        @Override
        public PacketInspector start(DetectorContext context) {
            return new PacketInspector() {
                long syns;

                @Override
                public void inspect(PacketSummary packet) {
                    syns++;
                }

                @Override
                public void close() {
                    context.alerts().raise(Alert.builder(COUNTER, 1, "SYN count").evidence("syns", Long.toString(syns))
                            .build());
                }
            };
        }
    }

    @BeforeEach
    void registerCounter() {
        counter = FrameworkUtil.getBundle(AnalyzeCommandTest.class).getBundleContext()
                .registerService(Detector.class, new SynCounter(), null);
    }

    @AfterEach
    void unregisterCounter() {
        counter.unregister();
    }

    private int run(String... args) {
        return AgentApplication.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<Alert> alerts() {
        return out.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("{"))
                .map(EveJson::parse).toList();
    }

    private String counted() {
        List<Alert> mine = alerts().stream().filter(alert -> alert.detectorId().equals(COUNTER)).toList();
        assertEquals(1, mine.size(), out.toString(StandardCharsets.UTF_8));
        return mine.get(0).evidence().get("syns");
    }

    private static long syns(Path file) throws IOException {
        long syns = 0;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            PacketSummary packet;
            while ((packet = reader.next()) != null) {
                int flags = packet.tcpFlags();
                if (flags >= 0 && (flags & PacketSummary.TCP_SYN) != 0 && (flags & PacketSummary.TCP_ACK) == 0) {
                    syns++;
                }
            }
        } catch (IOException truncated) {
            // the packets before the break count
        }
        return syns;
    }

    @Test
    void printsEveLinesOfEveryDetector() throws IOException {
        assertEquals(0, run("analyze", SYN_SCAN.toString()), err.toString(StandardCharsets.UTF_8));
        assertEquals(Long.toString(syns(SYN_SCAN)), counted());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.lines().allMatch(line -> line.startsWith("{\"timestamp\":")), "only EVE lines: " + text);
    }

    @Test
    void summaryAddsWhatTheFileHoldsAndEachDetectorsCounters() throws IOException {
        assertEquals(0, run("analyze", "--summary", SYN_SCAN.toString()), err.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Packets:       2,020"), text);
        assertTrue(text.contains("Alerts:        " + alerts().size()), text);
        String row = text.lines().filter(line -> line.startsWith("  " + COUNTER)).findFirst().orElseThrow();
        assertTrue(row.matches("  test\\.analyze\\.syns +active +" + String.format("%,d", syns(SYN_SCAN)) + " +1 +0 .*"),
                row);
    }

    @Test
    void aBrokenCaptureStillGivesTheAlertsBeforeTheBreak() throws IOException {
        byte[] whole = Files.readAllBytes(SYN_SCAN);
        Path cut = temp.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2 + 7));
        assertEquals(4, run("analyze", cut.toString()));
        assertEquals(Long.toString(syns(cut)), counted());
        assertTrue(Long.parseLong(counted()) > 0);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("the alerts and summary cover the "),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void usageAndFileErrorsKeepTheirExitCodes() {
        assertEquals(2, run("analyze"));
        assertEquals(2, run("analyze", "--bogus", SYN_SCAN.toString()));
        assertEquals(3, run("analyze", temp.resolve("missing.pcap").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("missing.pcap: no such file"),
                err.toString(StandardCharsets.UTF_8));
    }
}
