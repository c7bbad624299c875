package org.osprey.agent.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.security.GeneralSecurityException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.osprey.agent.LocalAgent;
import org.osprey.capture.CaptureException;
import org.osprey.capture.CaptureSource;
import org.osprey.capture.CaptureSources;
import org.osprey.capture.NetworkInterfaceInfo;
import org.osprey.detect.engine.DetectionEngine;
import org.osprey.transport.server.AgentServer;
import org.osprey.transport.server.ServerConfig;

/**
 * {@code osprey agent [options]}: captures from one source into the agent's packet stream and serves it over WSS
 * until SIGTERM / Ctrl+C. The stream's ring is the replay ring reconnecting clients resume from.
 */
final class ServeCommand {

    static final int EXIT_SOURCE_ERROR = 3;
    static final int EXIT_SERVER_ERROR = 5;

    private final PrintStream out;
    private final PrintStream err;

    ServeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        AgentOptions options;
        try {
            options = AgentOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("osprey agent: " + e.getMessage());
            err.println(AgentOptions.USAGE);
            return AgentApplication.EXIT_USAGE;
        }
        if (options.help()) {
            out.println(AgentOptions.USAGE);
            return 0;
        }
        BundleContext context = FrameworkUtil.getBundle(ServeCommand.class).getBundleContext();
        ServiceTracker<CaptureSources, CaptureSources> tracker = new ServiceTracker<>(context, CaptureSources.class,
                null);
        tracker.open();
        try {
            return serve(options, tracker.waitForService(TimeUnit.SECONDS.toMillis(10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_SOURCE_ERROR;
        } finally {
            tracker.close();
        }
    }

    private int serve(AgentOptions options, CaptureSources sources) {
        if (sources == null) {
            err.println("osprey agent: the capture service did not start (is bundle org.osprey.capture in the product?)");
            return EXIT_SOURCE_ERROR;
        }
        if (options.listInterfaces()) {
            return listInterfaces(sources);
        }

        // the ring size comes from the command line, so the agent owns its stream instead of the DS default one
        ServerConfig.Builder config = ServerConfig.builder(options.stateDirectory())
                .bindAddress(options.bindAddress())
                .port(options.port());
        if (options.keystore() != null) {
            config.keystore(options.keystore(), options.keystorePassword());
        }
        if (options.tokenFile() != null) {
            config.tokenFile(options.tokenFile());
        }
        LocalAgent agent;
        try {
            agent = LocalAgent.start(options.ringSize(), stream -> options.createSource(sources, stream), config);
        } catch (CaptureException e) {
            err.println("osprey agent: " + e.getMessage());
            return EXIT_SOURCE_ERROR;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            err.println("osprey agent: " + e.getMessage());
            return EXIT_SERVER_ERROR;
        }
        CaptureSource source = agent.source();
        AgentServer server = agent.server();
        AgentDetection detection = null;
        if (options.detect()) {
            try {
                detection = startDetection(options, agent);
            } catch (IOException e) {
                err.println("osprey agent: " + e.getMessage());
                agent.close();
                return EXIT_SERVER_ERROR;
            }
            if (detection == null) {
                agent.close();
                return EXIT_SOURCE_ERROR;
            }
        }
        out.println("Osprey agent serving " + source.description());
        out.println("  URL:         " + server.uri());
        out.println("  Fingerprint: " + server.fingerprint() + " (SHA-256)");
        out.println("  Token file:  " + server.tokenFile());
        out.println("  Replay ring: " + agent.stream().ringCapacity() + " packets");
        if (detection != null) {
            out.println("  Detection:   " + detection.run().detectors().size() + " detectors"
                    + (options.eveFile() != null ? ", alerts appended to " + options.eveFile() : "")
                    + "; alerts to clients subscribed to the alerts channel");
        }
        out.flush();

        AgentDetection runningDetection = detection;
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            stop(agent, runningDetection);
            stopped.countDown();
        }, "osprey-agent-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            // a file replay or a bounded generator ends by itself; keep serving what it published until told to stop
            stopped.await();
        } catch (InterruptedException e) {
            // stopped from inside the process (tests, an embedding application) rather than by a signal
            Runtime.getRuntime().removeShutdownHook(shutdown);
            stop(agent, runningDetection);
        }
        CaptureException failure = source.failure();
        if (failure != null) {
            err.println("osprey agent: capture stopped: " + failure.getMessage());
        }
        return 0;
    }

    /** Detection over the agent's stream; {@code null} (with the reason printed) when the engine is not there. */
    private AgentDetection startDetection(AgentOptions options, LocalAgent agent) throws IOException {
        BundleContext context = FrameworkUtil.getBundle(ServeCommand.class).getBundleContext();
        // held open while the agent runs: it keeps the engine service (and so the run) in use
        ServiceTracker<DetectionEngine, DetectionEngine> engines = new ServiceTracker<>(context, DetectionEngine.class,
                null);
        engines.open();
        boolean started = false;
        try {
            DetectionEngine engine = engines.waitForService(TimeUnit.SECONDS.toMillis(10));
            if (engine == null) {
                err.println("osprey agent: --detect: the detection engine did not start (is bundle org.osprey.detect"
                        + " in the product?)");
                return null;
            }
            AgentDetection detection = AgentDetection.start(engine, agent.stream(), agent.server(), options.eveFile(),
                    err, engines::close);
            started = true;
            return detection;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (!started) {
                engines.close();
            }
        }
    }

    /** Detection first, so that its last alerts still reach the clients before the server closes. */
    private static void stop(LocalAgent agent, AgentDetection detection) {
        if (detection != null) {
            detection.close();
        }
        agent.close();
    }

    private int listInterfaces(CaptureSources sources) {
        try {
            for (NetworkInterfaceInfo nif : sources.interfaces()) {
                out.println(nif.describe());
            }
            return 0;
        } catch (CaptureException e) {
            err.println("osprey agent: " + e.getMessage());
            return EXIT_SOURCE_ERROR;
        }
    }
}
