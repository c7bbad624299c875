package org.osprey.agent.internal;

import java.io.PrintStream;
import java.util.Arrays;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

/**
 * The headless agent's entry point. The first program argument names the command; {@code ./osprey} passes the
 * user's arguments through unchanged.
 */
public final class AgentApplication implements IApplication {

    static final int EXIT_USAGE = 2;

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        context.applicationRunning();
        return run(args == null ? new String[0] : args, System.out, System.err);
    }

    /** Runs one command; returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            usage(args.length == 0 ? err : out);
            return args.length == 0 ? EXIT_USAGE : IApplication.EXIT_OK;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "analyze" -> new AnalyzeCommand(out, err).run(rest);
            case "agent", "serve" -> new ServeCommand(out, err).run(rest);
            default -> {
                err.println("osprey agent: unknown command '" + args[0] + "'");
                usage(err);
                yield EXIT_USAGE;
            }
        };
    }

    private static void usage(PrintStream out) {
        out.println("usage: osprey analyze [--summary] FILE  run every detector on a pcap or pcapng file and print the"
                + " alerts as EVE JSON lines (--summary: and what the file holds)");
        out.println("       osprey agent [OPTIONS]      capture and serve packets over WSS (--help for options)");
    }

    @Override
    public void stop() {
        // the serve command stops through its shutdown hook (SIGTERM, Ctrl+C); analyze runs to completion
    }
}
