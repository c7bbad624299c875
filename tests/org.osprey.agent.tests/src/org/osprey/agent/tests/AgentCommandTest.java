package org.osprey.agent.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osprey.agent.internal.AgentApplication;
import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.eve.EveJson;
import org.osprey.stream.internal.PacketStreamImpl;
import org.osprey.transport.client.AgentConnection;
import org.osprey.transport.client.ConnectionListener;
import org.osprey.transport.client.ConnectionSettings;
import org.osprey.transport.client.ConnectionState;
import org.osprey.transport.client.KnownAgents;
import org.osprey.transport.protocol.Channel;
import org.osprey.transport.server.AccessToken;

/** {@code osprey agent} as a user runs it: its errors, and a generator served to a real WSS client. */
class AgentCommandTest {

    @TempDir
    Path state;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return AgentApplication.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(2, run("agent", "--rate", "fast"));
        assertTrue(errors().contains("--rate needs a whole number, not 'fast'"), errors());
        assertTrue(errors().contains("usage: osprey agent"), errors());
    }

    @Test
    void missingInterfaceNamesTheAvailableOnes() {
        assertEquals(3, run("agent", "--state-dir", state.toString(), "--interface", "nosuch0", "--port", "0"));
        assertTrue(errors().contains("nosuch0"), errors());
        assertTrue(errors().contains("lo"), "lists the interfaces there are: " + errors());
    }

    @Test
    void badCaptureFilterIsNamed() {
        assertEquals(3, run("agent", "--state-dir", state.toString(), "--interface", "lo", "--filter", "tcp portt 80",
                "--port", "0"));
        assertTrue(errors().contains("tcp portt 80"), errors());
    }

    @Test
    void busyPortSaysSo() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(5, run("agent", "--state-dir", state.toString(), "--generate", "--port",
                    String.valueOf(busy.getLocalPort())));
            assertTrue(errors().contains("Address already in use"), errors());
        }
    }

    @Test
    void servesTheGeneratorToAClientUntilStopped() throws Exception {
        AtomicInteger exit = new AtomicInteger(-1);
        Thread agent = new Thread(() -> exit.set(run("agent", "--state-dir", state.toString(), "--generate",
                "--rate", "2000", "--port", "0")), "agent-under-test");
        agent.start();
        URI uri = awaitPrintedUrl();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("Fingerprint: "), printed);

        PacketStreamImpl local = new PacketStreamImpl(100_000);
        KnownAgents known = new KnownAgents(state.resolve("known_agents"));
        ConnectionSettings settings = ConnectionSettings.builder(uri, AccessToken.read(state.resolve("token")), known)
                .build();
        try (AgentConnection connection = new AgentConnection(settings, local)) {
            connection.start();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (local.nextSequence() < 500 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(connection.state() instanceof ConnectionState.Connected, connection.state().toString());
            assertTrue(local.nextSequence() >= 500, "packets received: " + local.nextSequence());
            PacketSummary first = local.get(local.oldestSequence());
            assertTrue(first.capturedLength() > 0 && first.frame().length == first.capturedLength());
            // the fingerprint the agent printed is the one the client pinned
            assertTrue(printed.contains(known.fingerprint(KnownAgents.agentKey(uri))), printed);
        }
        agent.interrupt();
        agent.join(10_000);
        assertEquals(0, exit.get(), errors());
    }

    @Test
    void detectsEverythingItCapturesForClientsSubscribedToAlertsAndAppendsThemToTheEveFile() throws Exception {
        Path eve = state.resolve("alerts.eve.json");
        AtomicInteger exit = new AtomicInteger(-1);
        Thread agent = new Thread(() -> exit.set(run("agent", "--state-dir", state.toString(), "--generate",
                "--rate", "3000", "--port", "0", "--eve", eve.toString())), "agent-under-test");
        agent.start();
        URI uri = awaitPrintedUrl();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("Detection:") && printed.contains(eve.toString()), printed);

        // this client asks for DNS packets only, and still gets the alerts of everything the agent captured
        PacketStreamImpl local = new PacketStreamImpl(100_000);
        List<String> alerts = new CopyOnWriteArrayList<>();
        ConnectionSettings settings = ConnectionSettings
                .builder(uri, AccessToken.read(state.resolve("token")), new KnownAgents(state.resolve("known_agents")))
                .channels(Channel.PACKETS, Channel.STATS, Channel.ALERTS).filter("dns").build();
        try (AgentConnection connection = new AgentConnection(settings, local)) {
            connection.addListener(new ConnectionListener() {
                @Override
                public void stateChanged(ConnectionState state) {
                }

                @Override
                public void alertReceived(String alertJson) {
                    alerts.add(alertJson);
                }
            });
            connection.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!(alerts.stream().anyMatch(a -> "TCP".equals(EveJson.parse(a).transport()))
                    && local.nextSequence() >= 20) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        agent.interrupt();
        agent.join(10_000);
        assertEquals(0, exit.get(), errors());

        assertTrue(local.nextSequence() >= 20, "DNS packets received: " + local.nextSequence());
        for (long seq = local.oldestSequence(); seq < local.nextSequence(); seq++) {
            assertEquals("DNS", local.get(seq).protocol().label(), "the client's filter holds: only DNS packets");
        }
        List<Alert> received = alerts.stream().map(EveJson::parse).toList();
        assertTrue(received.stream().anyMatch(a -> "TCP".equals(a.transport())),
                "alerts about TCP traffic the filter kept from this client: " + received);
        List<String> lines = Files.readAllLines(eve);
        List<Alert> inFile = lines.stream().map(EveJson::parse).toList(); // each line an EVE alert
        assertTrue(inFile.size() >= received.size(), inFile.size() + " lines in the EVE file");
        for (Alert alert : received) {
            assertTrue(inFile.stream().anyMatch(a -> a.toString().equals(alert.toString())
                    && a.timestampNanos() == alert.timestampNanos()), "the EVE file holds " + alert);
        }
    }

    private URI awaitPrintedUrl() throws InterruptedException {
        Pattern url = Pattern.compile("URL:\\s+(wss://\\S+)");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Matcher m = url.matcher(out.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return URI.create(m.group(1));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the agent printed no URL; stderr: " + errors());
    }
}
