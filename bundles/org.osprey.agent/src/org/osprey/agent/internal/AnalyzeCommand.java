package org.osprey.agent.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;
import org.osprey.detect.Alert;
import org.osprey.detect.engine.DetectionEngine;
import org.osprey.detect.engine.DetectionRun;
import org.osprey.detect.engine.DetectorStatus;
import org.osprey.detect.engine.PacketSource;
import org.osprey.detect.engine.PacketSources;
import org.osprey.detect.eve.EveJson;

/**
 * {@code osprey analyze [--summary] FILE}: runs every detector (the detection engine's {@code Detector} services) over
 * a capture file headless and prints their alerts as Suricata EVE JSON lines; with {@code --summary} also what the
 * file holds and each detector's counters.
 */
final class AnalyzeCommand {

    static final int EXIT_FILE_ERROR = 3;
    static final int EXIT_TRUNCATED = 4;
    /** How long to wait for the detection engine's service when the framework is still starting. */
    private static final long ENGINE_WAIT_SECONDS = 10;

    private final PrintStream out;
    private final PrintStream err;

    AnalyzeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        boolean summaryWanted = false;
        String fileName = null;
        for (String arg : args) {
            if (arg.equals("--summary")) {
                summaryWanted = true;
            } else if (fileName == null && !arg.startsWith("--")) {
                fileName = arg;
            } else {
                fileName = null;
                break;
            }
        }
        if (fileName == null) {
            err.println("usage: osprey analyze [--summary] FILE");
            return AgentApplication.EXIT_USAGE;
        }
        Path file = Path.of(fileName);
        CaptureSummary summary = new CaptureSummary();
        long started = System.nanoTime();
        try (CaptureReader reader = CaptureFiles.open(file)) {
            summary.setFormat(reader.format().toString(), reader.size());
            Analysis analysis = analyze(reader, summary);
            if (analysis == null) {
                return EXIT_FILE_ERROR;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (analysis.failure != null && summary.packets() == 0) {
                err.println("osprey analyze: " + analysis.failure);
                return EXIT_FILE_ERROR;
            }
            if (summaryWanted) {
                summary.print(file, out);
                out.printf("Read in:       %.2f s (%,.0f packets/s)%n", seconds,
                        summary.packets() / Math.max(seconds, 1e-9));
                summary.printDetectors(analysis.detectors, analysis.alerts, out);
            }
            if (analysis.failure != null) {
                err.println("osprey analyze: " + analysis.failure);
                err.println("osprey analyze: the alerts and summary cover the " + summary.packets()
                        + " packets before that point");
                return EXIT_TRUNCATED;
            }
            return 0;
        } catch (IOException e) {
            err.println("osprey analyze: " + message(file, e));
            return EXIT_FILE_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("osprey analyze: interrupted");
            return EXIT_FILE_ERROR;
        }
    }

    /** What a run over the file gave. */
    private record Analysis(List<DetectorStatus> detectors, long alerts, String failure) {
    }

    /** Runs the engine's detectors over the file, printing alerts as they come; {@code null} without an engine. */
    private Analysis analyze(CaptureReader reader, CaptureSummary summary) throws IOException, InterruptedException {
        Bundle bundle = FrameworkUtil.getBundle(AnalyzeCommand.class);
        if (bundle == null || bundle.getBundleContext() == null) {
            err.println("osprey analyze: not running inside the agent product (no OSGi framework)");
            return null;
        }
        ServiceTracker<DetectionEngine, DetectionEngine> engines = new ServiceTracker<>(bundle.getBundleContext(),
                DetectionEngine.class, null);
        engines.open();
        try {
            DetectionEngine engine = engines.waitForService(TimeUnit.SECONDS.toMillis(ENGINE_WAIT_SECONDS));
            if (engine == null) {
                err.println("osprey analyze: the detection engine did not start (is bundle org.osprey.detect in the"
                        + " product?)");
                return null;
            }
            Writer eve = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            EveOutput output = new EveOutput(eve);
            DetectionRun run = engine.start("analyze", new SummarizingSource(PacketSources.ofReader(reader), summary),
                    output::write);
            String failure = run.awaitEnd();
            eve.flush();
            if (output.error != null) {
                throw output.error;
            }
            return new Analysis(run.detectors(), output.lines, failure);
        } finally {
            engines.close();
        }
    }

    /** Writes alerts as EVE lines; called on the run's thread only. */
    private static final class EveOutput {
        private final Writer writer;
        private final StringBuilder line = new StringBuilder(1024);
        long lines;
        IOException error;

        EveOutput(Writer writer) {
            this.writer = writer;
        }

        void write(Alert alert) {
            if (error != null) {
                return;
            }
            line.setLength(0);
            EveJson.append(line, alert);
            line.append('\n');
            try {
                writer.append(line);
                lines++;
            } catch (IOException e) {
                error = e; // stdout closed (a pipe to head): stop writing, report once at the end
            }
        }
    }

    /** Counts what the file holds on the run's thread, as the packets go by to the detectors. */
    private static final class SummarizingSource implements PacketSource {
        private final PacketSource source;
        private final CaptureSummary summary;

        SummarizingSource(PacketSource source, CaptureSummary summary) {
            this.source = source;
            this.summary = summary;
        }

        @Override
        public int next(PacketSummary[] batch) throws IOException {
            int count = source.next(batch);
            for (int i = 0; i < count; i++) {
                summary.add(batch[i]);
            }
            return count;
        }
    }

    private static String message(Path file, IOException e) {
        if (!Files.exists(file)) {
            return file + ": no such file";
        }
        return e.getMessage() != null ? e.getMessage() : file + ": " + e.getClass().getSimpleName();
    }
}
