package org.osprey.agent.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureFormatException;
import org.osprey.core.io.CaptureReader;

/** {@code osprey analyze FILE}: reads a capture file headless and prints what is in it. */
final class AnalyzeCommand {

    static final int EXIT_FILE_ERROR = 3;
    static final int EXIT_TRUNCATED = 4;

    private final PrintStream out;
    private final PrintStream err;

    AnalyzeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        if (args.length != 1) {
            err.println("usage: osprey analyze FILE");
            return AgentApplication.EXIT_USAGE;
        }
        Path file = Path.of(args[0]);
        CaptureSummary summary = new CaptureSummary();
        long started = System.nanoTime();
        String failure = null;
        try (CaptureReader reader = CaptureFiles.open(file)) {
            summary.setFormat(reader.format().toString(), reader.size());
            PacketSummary packet;
            while ((packet = reader.next()) != null) {
                summary.add(packet);
            }
        } catch (CaptureFormatException e) {
            if (summary.packets() == 0) {
                err.println("osprey analyze: " + e.getMessage());
                return EXIT_FILE_ERROR;
            }
            failure = e.getMessage();
        } catch (IOException e) {
            err.println("osprey analyze: " + message(file, e));
            return EXIT_FILE_ERROR;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        summary.print(file, out);
        out.printf("Read in:       %.2f s (%,.0f packets/s)%n", seconds, summary.packets() / Math.max(seconds, 1e-9));
        if (failure != null) {
            err.println("osprey analyze: " + failure);
            err.println("osprey analyze: the summary above covers the " + summary.packets() + " packets before that point");
            return EXIT_TRUNCATED;
        }
        return 0;
    }

    private static String message(Path file, IOException e) {
        if (!Files.exists(file)) {
            return file + ": no such file";
        }
        return e.getMessage() != null ? e.getMessage() : file + ": " + e.getClass().getSimpleName();
    }
}
