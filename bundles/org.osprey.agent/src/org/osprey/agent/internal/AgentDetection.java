package org.osprey.agent.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.osprey.detect.Alert;
import org.osprey.detect.engine.DetectionEngine;
import org.osprey.detect.engine.DetectionRun;
import org.osprey.detect.engine.PacketSources;
import org.osprey.detect.eve.EveJson;
import org.osprey.stream.PacketStream;
import org.osprey.transport.server.AgentServer;

/**
 * {@code osprey agent --detect}: every detector on everything the agent captures, before any client's filter. Each
 * alert goes to the clients subscribed to the alerts channel and, with {@code --eve FILE}, to the file as a Suricata
 * EVE JSON line.
 */
final class AgentDetection implements AutoCloseable {

    private final AgentServer server;
    private final PrintStream err;
    private final BufferedWriter eve;
    private final Path eveFile;
    private final DetectionRun run;
    private final Runnable release;
    private volatile boolean eveFailed;

    private AgentDetection(DetectionEngine engine, PacketStream stream, AgentServer server, Path eveFile,
            PrintStream err, Runnable release) throws IOException {
        this.server = server;
        this.release = release;
        this.err = err;
        this.eveFile = eveFile;
        this.eve = eveFile == null ? null
                : Files.newBufferedWriter(eveFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
        // from the oldest packet held: what was captured before detection started is inspected too
        this.run = engine.start("agent", PacketSources.ofStream(stream, stream.oldestSequence()), this::alertRaised);
    }

    /**
     * @param release called after the run closed (lets go of the engine service)
     * @throws IOException when the EVE file cannot be opened for appending
     */
    static AgentDetection start(DetectionEngine engine, PacketStream stream, AgentServer server, Path eveFile,
            PrintStream err, Runnable release) throws IOException {
        return new AgentDetection(engine, stream, server, eveFile, err, release);
    }

    DetectionRun run() {
        return run;
    }

    /** On the run's thread: the server only queues, the file is buffered and flushed per alert (alerts are rare). */
    private void alertRaised(Alert alert) {
        String line = EveJson.line(alert);
        server.publishAlert(line);
        if (eve != null && !eveFailed) {
            try {
                eve.write(line);
                eve.newLine();
                eve.flush();
            } catch (IOException e) {
                eveFailed = true; // clients still get the alerts; the operator learns once why the file stopped
                err.println("osprey agent: cannot append alerts to " + eveFile + " any more: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        run.close();
        release.run();
        if (eve != null) {
            try {
                eve.close();
            } catch (IOException e) {
                err.println("osprey agent: closing " + eveFile + " failed: " + e.getMessage());
            }
        }
    }
}
