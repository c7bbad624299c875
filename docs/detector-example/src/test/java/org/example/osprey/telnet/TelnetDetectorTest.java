package org.example.osprey.telnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osprey.detect.Alert;
import org.osprey.detect.engine.DetectorStatus;
import org.osprey.detect.replay.DetectorReplay;

/**
 * Replays captures of Osprey's corpus through the detector with the SDK's harness, as the engine runs it (filter,
 * packet-time windows, alert hygiene). Expected values come from the capture itself, read with tshark.
 */
class TelnetDetectorTest {

    /** A telnet login, 92 TCP frames: 192.168.0.2:1550 to 192.168.0.1:23; frame 4 is the client's first data. */
    private static final Path TELNET = corpus("creds/telnet.pcap");
    /** Ordinary web browsing, no Telnet. */
    private static final Path BENIGN = corpus("benign/http_espn.pcapng");

    private static Path corpus(String file) {
        return Path.of(System.getProperty("osprey.corpus", "../../../shared/corpus"), "pcaps", file);
    }

    @Test
    void aTelnetLoginRaisesOneAlertNamingClientAndServer() throws Exception {
        assertTrue(Files.isReadable(TELNET), "corpus capture missing: " + TELNET);

        DetectorReplay.Result result = DetectorReplay.of(new TelnetDetector()).run(TELNET);

        assertNull(result.failure());
        List<Alert> alerts = result.alertsOf(TelnetDetector.ID);
        assertEquals(1, alerts.size(), () -> "alerts: " + alerts);
        Alert alert = alerts.get(0);
        assertEquals("192.168.0.2", alert.sourceAddress());
        assertEquals(1550, alert.sourcePort());
        assertEquals("192.168.0.1", alert.destinationAddress());
        assertEquals(23, alert.destinationPort());
        assertEquals("TCP", alert.transport());
        assertArrayEquals(new long[] {3}, alert.sequences(), "frame 4 is sequence 3 (sequences count from 0)");
        assertTrue(alert.communityId().startsWith("1:"), alert.communityId());
        assertEquals("23", alert.evidence().get("server port"));

        DetectorStatus status = result.status(TelnetDetector.ID);
        assertEquals(DetectorStatus.State.ACTIVE, status.state(), status.reason());
        assertEquals(92, status.packetsSeen(), "every frame of the capture is TCP");
        assertEquals(92, result.packets());
    }

    @Test
    void theServerPortIsAParameter() throws Exception {
        DetectorReplay.Result elsewhere = DetectorReplay.of(new TelnetDetector())
                .configure(TelnetDetector.ID, Map.of(TelnetDetector.PORT, 2323.0)).run(TELNET);
        assertEquals(List.of(), elsewhere.alerts());

        IllegalArgumentException outOfRange = assertThrows(IllegalArgumentException.class,
                () -> DetectorReplay.of(new TelnetDetector())
                        .configure(TelnetDetector.ID, Map.of(TelnetDetector.PORT, 70_000.0)).run(TELNET));
        assertTrue(outOfRange.getMessage().contains("65535"), outOfRange.getMessage());
    }

    @Test
    void webBrowsingRaisesNothing() throws Exception {
        DetectorReplay.Result result = DetectorReplay.of(new TelnetDetector()).run(BENIGN);

        assertNull(result.failure());
        assertEquals(List.of(), result.alerts());
        assertTrue(result.status(TelnetDetector.ID).packetsSeen() > 0, "the capture has TCP packets");
    }
}
