package org.osprey.agent.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;

import org.osprey.capture.AttackKind;
import org.osprey.capture.CaptureSource;
import org.osprey.capture.CaptureSources;
import org.osprey.capture.GeneratorOptions;
import org.osprey.capture.LiveCaptureOptions;
import org.osprey.capture.ReplayOptions;
import org.osprey.stream.PacketStream;

/** The command line of {@code osprey agent}: one capture source, the server's address, its secrets, the ring. */
record AgentOptions(Source source, String interfaceName, Path file, double speed, boolean loop, int rate, long seed,
        String bpf, String bindAddress, int port, Path keystore, char[] keystorePassword, Path tokenFile,
        int ringSize, Path stateDirectory, boolean detect, Path eveFile, boolean listInterfaces, boolean help) {

    enum Source { LIVE, FILE, GENERATOR }

    static final int DEFAULT_PORT = 7443;
    static final int DEFAULT_RING = 1_000_000;

    static final String USAGE = """
            usage: osprey agent [SOURCE] [OPTIONS]
            sources (one):
              --interface IF        live capture on IF (needs CAP_NET_RAW or root); default: the generator
              --file FILE           replay a pcap/pcapng file
                  --speed N         N times recorded speed (default 1); --fast: as fast as possible; --loop: repeat
              --generate            the traffic generator (demo mix with attacks)
                  --rate N          packets per second (default 1000); --seed S (default 1)
              --list-interfaces     print the capture interfaces and exit
            options:
              --filter BPF          capture filter (live capture only)
              --bind ADDR           address to listen on (default 127.0.0.1)
              --port N              port (default 7443; 0 picks a free one)
              --keystore FILE       PKCS12 keystore to serve (default: a self-signed one made in the state directory)
              --keystore-password-file FILE
              --token-file FILE     where the access token is kept (default: STATE/token, made on first start)
              --ring N              replay ring size in packets (default 1000000)
              --state-dir DIR       certificate and token directory (default ~/.osprey/agent)
              --detect              run every detector on everything captured (before any client's filter) and
                                    send the alerts to clients subscribed to the alerts channel
              --eve FILE            also append the alerts to FILE as Suricata EVE JSON lines (implies --detect)""";

    static AgentOptions parse(String[] args) {
        Source source = null;
        String interfaceName = null;
        Path file = null;
        double speed = 1;
        boolean loop = false;
        int rate = 1000;
        long seed = 1;
        String bpf = null;
        String bind = "127.0.0.1";
        int port = DEFAULT_PORT;
        Path keystore = null;
        char[] keystorePassword = null;
        Path tokenFile = null;
        int ring = DEFAULT_RING;
        Path stateDir = Path.of(System.getProperty("user.home"), ".osprey", "agent");
        boolean detect = false;
        Path eve = null;
        boolean list = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--interface", "-i" -> { source = only(source, Source.LIVE); interfaceName = value(args, ++i, arg); }
                case "--file", "-r" -> { source = only(source, Source.FILE); file = Path.of(value(args, ++i, arg)); }
                case "--generate" -> source = only(source, Source.GENERATOR);
                case "--speed" -> speed = positiveDouble(value(args, ++i, arg), arg);
                case "--fast" -> speed = ReplayOptions.AS_FAST_AS_POSSIBLE;
                case "--loop" -> loop = true;
                case "--rate" -> rate = intIn(value(args, ++i, arg), arg, 1, 10_000_000);
                case "--seed" -> seed = longValue(value(args, ++i, arg), arg);
                case "--filter", "-f" -> bpf = value(args, ++i, arg);
                case "--bind" -> bind = value(args, ++i, arg);
                case "--port", "-p" -> port = intIn(value(args, ++i, arg), arg, 0, 65_535);
                case "--keystore" -> keystore = Path.of(value(args, ++i, arg));
                case "--keystore-password-file" -> keystorePassword = readSecret(Path.of(value(args, ++i, arg)));
                case "--token-file" -> tokenFile = Path.of(value(args, ++i, arg));
                case "--ring" -> ring = intIn(value(args, ++i, arg), arg, 1, 100_000_000);
                case "--state-dir" -> stateDir = Path.of(value(args, ++i, arg));
                case "--detect" -> detect = true;
                case "--eve" -> { eve = Path.of(value(args, ++i, arg)); detect = true; }
                case "--list-interfaces" -> list = true;
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        if (keystore != null && keystorePassword == null) {
            throw new IllegalArgumentException("--keystore needs --keystore-password-file");
        }
        if (bpf != null && source != Source.LIVE) {
            throw new IllegalArgumentException("--filter is a capture filter for --interface; use a display filter "
                    + "in the client for other sources");
        }
        return new AgentOptions(source == null ? Source.GENERATOR : source, interfaceName, file, speed, loop, rate,
                seed, bpf, bind, port, keystore, keystorePassword, tokenFile, ring, stateDir, detect, eve, list, help);
    }

    /** The capture source these options describe, not started yet. */
    CaptureSource createSource(CaptureSources sources, PacketStream stream) {
        return switch (source) {
            case LIVE -> {
                LiveCaptureOptions.Builder live = LiveCaptureOptions.on(interfaceName);
                if (bpf != null) {
                    live.filter(bpf);
                }
                yield sources.live(live.build(), stream);
            }
            case FILE -> {
                ReplayOptions.Builder replay = ReplayOptions.of(file).speed(speed);
                if (loop) {
                    replay.loop();
                }
                yield sources.replay(replay.build(), stream);
            }
            case GENERATOR -> sources.generator(GeneratorOptions.withSeed(seed).packetsPerSecond(rate)
                    .attacks(EnumSet.allOf(AttackKind.class)).build(), stream);
        };
    }

    @Override
    public String toString() {
        // never print the keystore password
        return "AgentOptions[" + source.name().toLowerCase(Locale.ROOT) + ", " + bindAddress + ":" + port + "]";
    }

    private static Source only(Source current, Source next) {
        if (current != null && current != next) {
            throw new IllegalArgumentException("choose one source: --interface, --file or --generate");
        }
        return next;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int intIn(String text, String option, int min, int max) {
        try {
            int v = Integer.parseInt(text);
            if (v < min || v > max) {
                throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", not " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not '" + text + "'");
        }
    }

    private static long longValue(String text, String option) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not '" + text + "'");
        }
    }

    private static double positiveDouble(String text, String option) {
        try {
            double v = Double.parseDouble(text);
            if (!(v > 0)) {
                throw new IllegalArgumentException(option + " must be above 0, not " + text);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not '" + text + "'");
        }
    }

    private static char[] readSecret(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.toCharArray();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
