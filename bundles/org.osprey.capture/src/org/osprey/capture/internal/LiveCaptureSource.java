package org.osprey.capture.internal;

import java.io.EOFException;
import java.util.List;

import org.osprey.capture.CaptureException;
import org.osprey.capture.CaptureException.Reason;
import org.osprey.capture.LiveCaptureOptions;
import org.osprey.stream.PacketStream;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.TimestampPrecision;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.PcapStat;

/**
 * Live capture from one interface through pcap4j (libpcap).
 * <p>
 * Hot path: {@link PacketReads} hands over the captured bytes (pcap4j's own packet decode is never run), the
 * summary decoder fills a {@code PacketSummary}, and it is published. The kernel's drop counters are read about once
 * a second while packets arrive, and when capture ends. The pcap handle is opened on the caller of {@link #start()} (so errors reach it) and afterwards touched
 * by the capture thread only; it is closed there too, never under a read in progress.
 */
final class LiveCaptureSource extends AbstractCaptureSource {

    private static final long STATS_INTERVAL_NANOS = 1_000_000_000L;

    private final LiveCaptureOptions options;
    private final Pcap pcap;
    private PcapHandle handle;
    private volatile int linkType = -1;
    private volatile boolean nanosecondTimestamps;

    LiveCaptureSource(LiveCaptureOptions options, PacketStream target, Pcap pcap) {
        super(target);
        this.options = options;
        this.pcap = pcap;
    }

    @Override
    public String name() {
        return "live:" + options.interfaceName();
    }

    @Override
    public String description() {
        StringBuilder text = new StringBuilder("live capture on ").append(options.interfaceName());
        if (!options.filter().isEmpty()) {
            text.append(" with filter '").append(options.filter()).append('\'');
        }
        text.append(", snap length ").append(options.snapLength());
        text.append(options.promiscuous() ? ", promiscuous" : ", not promiscuous");
        if (options.immediate()) {
            text.append(", immediate mode");
        }
        if (linkType >= 0) {
            text.append(nanosecondTimestamps ? ", nanosecond timestamps" : ", microsecond timestamps");
        }
        return text.toString();
    }

    @Override
    public List<Integer> linkTypes() {
        int type = linkType;
        return type < 0 ? List.of() : List.of(type);
    }

    @Override
    protected void open() throws CaptureException {
        String name = options.interfaceName();
        pcap.requireInterface(name);
        handle = openHandle(options.nanosecondTimestamps());
        if (handle == null) {
            // this libpcap or interface cannot give nanoseconds: microseconds are still a good capture
            handle = openHandle(false);
        }
        nanosecondTimestamps = handle.getTimestampPrecision() == TimestampPrecision.NANO;
        if (!options.filter().isEmpty()) {
            try {
                handle.setFilter(options.filter(), BpfCompileMode.OPTIMIZE);
            } catch (PcapNativeException | NotOpenException e) {
                throw new CaptureException(Reason.BAD_FILTER, "the capture filter '" + options.filter()
                        + "' is not valid: " + Pcap.pcapMessage(e)
                        + " (it uses tcpdump's syntax, e.g. 'tcp port 443 and host 10.0.0.1')", e);
            }
        }
        linkType = handle.getDlt().value();
    }

    /** @return the handle, or null when nanosecond precision was asked for and is not available */
    private PcapHandle openHandle(boolean nanos) throws CaptureException {
        PcapHandle.Builder builder = new PcapHandle.Builder(options.interfaceName())
                .snaplen(options.snapLength())
                .promiscuousMode(options.promiscuous() ? PromiscuousMode.PROMISCUOUS : PromiscuousMode.NONPROMISCUOUS)
                .timeoutMillis(options.readTimeoutMillis())
                .bufferSize(options.bufferBytes())
                .immediateMode(options.immediate());
        if (nanos) {
            builder.timestampPrecision(TimestampPrecision.NANO);
        }
        try {
            return builder.build();
        } catch (PcapNativeException e) {
            if (nanos && Pcap.isTimestampPrecisionProblem(e)) {
                return null;
            }
            throw pcap.openFailure(options.interfaceName(), e);
        } catch (RuntimeException | LinkageError e) {
            throw Pcap.libraryFailure(e);
        }
    }

    @Override
    protected boolean run() throws CaptureException {
        PcapHandle h = handle;
        PacketReads reads = PacketReads.of(h);
        int type = linkType;
        long nextStats = System.nanoTime() + STATS_INTERVAL_NANOS;
        try {
            while (running()) {
                byte[] frame = reads.next(); // null: no packet within the read timeout, look at the stop flag
                if (frame != null) {
                    publishFrame(frame, frame.length, reads.wireLength(), type, reads.timestampNanos());
                }
                if (System.nanoTime() - nextStats >= 0) {
                    readStats(h);
                    nextStats = System.nanoTime() + STATS_INTERVAL_NANOS;
                }
            }
            readStats(h);
            return false;
        } catch (EOFException e) {
            // pcap_breakloop (see wakeUp) ends the read like the end of a file; a live interface has no other end
            readStats(h);
            return running();
        } catch (PcapNativeException | NotOpenException e) {
            throw new CaptureException(Reason.CAPTURE_FAILED, "live capture on " + options.interfaceName()
                    + " failed: " + Pcap.pcapMessage(e) + " (is the interface still there and up?)", e);
        }
    }

    private void readStats(PcapHandle h) {
        try {
            PcapStat stat = h.getStats();
            setDrops(stat.getNumPacketsDropped(), stat.getNumPacketsDroppedByIf());
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            // some platforms and interfaces have no statistics: the counters stay where they are
        }
    }

    /**
     * On Linux libpcap waits in poll() without a timeout (the block ring's own timer, or immediate mode, hands over
     * packets), so an idle read would never notice the stop flag; pcap_breakloop (libpcap 1.10 and later) wakes it
     * through an eventfd, and the pending read returns. Pseudo-devices that are not packet sockets (nflog, nfqueue,
     * D-Bus) have no such eventfd: there {@link #stop()} gives up waiting after a few seconds and the thread ends with
     * the next packet.
     */
    @Override
    protected void wakeUp() {
        PcapHandle h = handle;
        if (h != null) {
            try {
                h.breakLoop();
            } catch (NotOpenException e) {
                // already closed by the capture thread: nothing to wake
            }
        }
    }

    @Override
    protected void release() {
        if (handle != null) {
            handle.close();
        }
    }
}
