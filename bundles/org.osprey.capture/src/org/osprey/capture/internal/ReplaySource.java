package org.osprey.capture.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.osprey.capture.CaptureException;
import org.osprey.capture.CaptureException.Reason;
import org.osprey.capture.ReplayOptions;
import org.osprey.core.PacketSummary;
import org.osprey.core.SummaryDecoder;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureFormatException;
import org.osprey.core.io.CaptureInterface;
import org.osprey.core.io.CaptureReader;
import org.osprey.stream.PacketStream;

/**
 * Replays a pcap or pcapng file into the stream: paced by the recorded timestamps divided by the speed, or as fast
 * as possible, once, N times or until stopped.
 * <p>
 * Pacing: packet {@code i} of a pass is due at {@code passStart + (ts[i] - ts[0]) / speed} on the monotonic clock, so
 * rounding does not accumulate; a timestamp that goes back in time is due at once. Each pass re-reads the file (the
 * stream keeps the packets of earlier passes, so they cannot be reused).
 * <p>
 * A file that breaks part-way fails the source with the reader's message; every packet before the break has been
 * published.
 */
final class ReplaySource extends AbstractCaptureSource {

    private final ReplayOptions options;
    private final BooleanSupplier keepGoing = this::running;
    private final WallClock clock = new WallClock();
    private final boolean rebase;
    private CaptureReader reader;
    /** The first packet of the first pass, read by {@link #open()}. */
    private PacketSummary firstPacket;
    private volatile List<Integer> linkTypes = List.of();
    private volatile int pass;

    ReplaySource(ReplayOptions options, PacketStream target) {
        super(target);
        this.options = options;
        this.rebase = options.timestamps() == ReplayOptions.Timestamps.REBASED;
    }

    @Override
    public String name() {
        return "file:" + options.file().getFileName();
    }

    @Override
    public String description() {
        String speed = !options.paced() ? "as fast as possible"
                : options.speed() == 1 ? "at the recorded speed" : "at " + options.speed() + "x the recorded speed";
        String passes = options.repetitions() == ReplayOptions.FOREVER ? ", looping"
                : options.repetitions() == 1 ? "" : ", " + options.repetitions() + " passes";
        return "replay of " + options.file() + " " + speed + passes
                + (rebase ? ", timestamps rebased to now" : ", recorded timestamps");
    }

    @Override
    public List<Integer> linkTypes() {
        return linkTypes;
    }

    /** The pass being replayed, from 1. */
    int pass() {
        return pass;
    }

    @Override
    protected void open() throws CaptureException {
        reader = openReader();
        // read the first packet now: a pcapng file declares its interfaces (link types) in blocks before it, and a
        // file broken right at the start fails here, where the caller hears of it
        try {
            firstPacket = reader.next();
        } catch (IOException e) {
            throw readFailure(e, false);
        }
        noteLinkTypes();
    }

    private CaptureReader openReader() throws CaptureException {
        try {
            // rebased packets get a new summary with the new timestamp, so the reader need not decode them
            return CaptureFiles.open(options.file(), !rebase);
        } catch (NoSuchFileException e) {
            throw new CaptureException(Reason.BAD_FILE, "cannot replay " + options.file() + ": there is no such file", e);
        } catch (AccessDeniedException e) {
            throw new CaptureException(Reason.BAD_FILE,
                    "cannot replay " + options.file() + ": permission denied (the file is not readable)", e);
        } catch (CaptureFormatException e) {
            throw new CaptureException(Reason.BAD_FILE, "cannot replay " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CaptureException(Reason.BAD_FILE, "cannot replay " + options.file() + ": " + e.getMessage(), e);
        }
    }

    private void noteLinkTypes() {
        List<CaptureInterface> interfaces = reader.interfaces();
        List<Integer> types = new ArrayList<>();
        for (CaptureInterface i : interfaces) {
            if (!types.contains(i.linkType())) {
                types.add(i.linkType());
            }
        }
        linkTypes = List.copyOf(types);
    }

    @Override
    protected boolean run() throws CaptureException {
        int repetitions = options.repetitions();
        for (pass = 1; repetitions == ReplayOptions.FOREVER || pass <= repetitions; pass++) {
            if (pass > 1) {
                reader = openReader();
            }
            try {
                if (!replayPass()) {
                    return false;
                }
            } finally {
                closeReader();
            }
        }
        return true;
    }

    /** @return false when stopped during the pass */
    private boolean replayPass() throws CaptureException {
        double nanosPerRecordedNano = options.paced() ? 1 / options.speed() : 0;
        long passStart = System.nanoTime();
        long firstTimestamp = 0;
        boolean first = true;
        int knownInterfaces = reader.interfaces().size();
        try {
            PacketSummary packet = pass == 1 ? firstPacket : reader.next();
            firstPacket = null;
            for (; packet != null; packet = reader.next()) {
                if (!running()) {
                    return false;
                }
                if (reader.interfaces().size() != knownInterfaces) {
                    knownInterfaces = reader.interfaces().size();
                    noteLinkTypes();
                }
                if (options.paced()) {
                    if (first) {
                        firstTimestamp = packet.timestampNanos();
                        first = false;
                    }
                    long offset = packet.timestampNanos() - firstTimestamp;
                    if (offset > 0 && !Pacer.awaitDeadline(passStart + (long) (offset * nanosPerRecordedNano),
                            keepGoing)) {
                        return false;
                    }
                }
                if (rebase) {
                    PacketSummary now = PacketSummary.ofFrame(packet.frame(), packet.capturedLength(),
                            packet.wireLength(), packet.linkType(), packet.interfaceId(), clock.nowNanos());
                    SummaryDecoder.decode(now);
                    packet = now;
                }
                publish(packet);
            }
            return true;
        } catch (IOException e) {
            throw readFailure(e, true);
        }
    }

    private CaptureException readFailure(IOException e, boolean partWay) {
        String what = partWay ? "replay stopped: " : "cannot replay ";
        String kept = partWay ? " (the packets before this point were replayed)" : "";
        if (e instanceof CaptureFormatException) {
            return new CaptureException(Reason.BAD_FILE, what + e.getMessage() + kept, e);
        }
        return new CaptureException(Reason.BAD_FILE,
                what + "reading " + options.file() + " failed: " + e.getMessage() + kept, e);
    }

    private void closeReader() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                // nothing was written: a failed close of a read-only file loses nothing
            }
            reader = null;
        }
    }

    @Override
    protected void release() {
        closeReader();
    }
}
