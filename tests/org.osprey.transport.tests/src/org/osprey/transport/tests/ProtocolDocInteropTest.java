package org.osprey.transport.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/protocol.md is meant to be enough to write a client in another language: {@code osprey_protocol_client.py}
 * was written from it alone (Python standard library: ssl, socket, json, struct) and must work against the real agent
 * in both encodings: TLS 1.3 with the pinned fingerprint, hello/welcome, subscribe with a filter and resumeFrom,
 * packets in order, a bad-filter error with its position, ping/pong.
 */
class ProtocolDocInteropTest {

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = { "json", "binary" })
    void aClientWrittenFromTheDocumentWorks(String encoding) throws Exception {
        Path script = work.resolve("osprey_protocol_client.py");
        try (InputStream in = getClass().getResourceAsStream("osprey_protocol_client.py")) {
            Files.copy(in, script);
        }
        try (ServerFixture agent = new ServerFixture(work.resolve("agent"), 10_000)) {
            agent.publish(1_000); // half of them from port 1001
            Process python = new ProcessBuilder("python3", script.toString(), "127.0.0.1",
                    String.valueOf(agent.server.port()), agent.server.fingerprint(), agent.server.tokenFile().toString(),
                    encoding, "udp.srcport == 1001", "500").redirectErrorStream(true).start();
            assertTrue(python.waitFor(60, TimeUnit.SECONDS), "the python client finished");
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, python.exitValue(), output);
            assertTrue(output.contains("python client: 500 packets"), output);
        }
    }
}
