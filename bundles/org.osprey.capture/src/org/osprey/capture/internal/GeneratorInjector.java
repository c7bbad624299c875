package org.osprey.capture.internal;

import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.osprey.capture.CaptureException;
import org.osprey.capture.CaptureException.Reason;
import org.osprey.capture.GeneratorOptions;
import org.osprey.capture.TrafficInjector;
import org.osprey.capture.internal.generator.TrafficGenerator;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;

/**
 * Sends {@link TrafficGenerator} frames through a pcap handle ({@code pcap_inject}), paced by a {@link RateSchedule}.
 * The handle is opened by {@link #start()} and afterwards used and closed by the sending thread only.
 */
final class GeneratorInjector implements TrafficInjector {

    private static final System.Logger LOG = System.getLogger(GeneratorInjector.class.getName());

    private final GeneratorOptions options;
    private final String interfaceName;
    private final Pcap pcap;
    private final BooleanSupplier keepGoing = () -> this.running;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean running;
    private volatile long sent;
    private volatile long tooLong;
    private volatile CaptureException failure;
    private Thread thread;

    GeneratorInjector(GeneratorOptions options, String interfaceName, Pcap pcap) {
        this.options = options;
        this.interfaceName = interfaceName;
        this.pcap = pcap;
    }

    @Override
    public synchronized void start() throws CaptureException {
        if (thread != null) {
            throw new IllegalStateException("the injector on " + interfaceName + " was started before");
        }
        if (!pcap.requireInterface(interfaceName).loopback()) {
            // the mix holds attacks (ARP spoofing of 192.168.10.1, SYN floods): never let them reach real hosts
            throw new CaptureException(Reason.BAD_OPTIONS, "the generator's traffic may only be sent on a loopback"
                    + " interface (such as lo), not on " + interfaceName
                    + ": it holds attacks like ARP spoofing and SYN floods that would reach real hosts");
        }
        PcapHandle handle;
        try {
            handle = new PcapHandle.Builder(interfaceName).snaplen(65_536).timeoutMillis(100).build();
        } catch (PcapNativeException e) {
            throw pcap.openFailure(interfaceName, e);
        } catch (RuntimeException | LinkageError e) {
            throw Pcap.libraryFailure(e);
        }
        running = true;
        thread = new Thread(() -> send(handle), "osprey-inject-" + interfaceName);
        thread.setDaemon(true);
        thread.start();
    }

    private void send(PcapHandle handle) {
        TrafficGenerator generator = new TrafficGenerator(options);
        RateSchedule schedule = new RateSchedule(options.packetsPerSecond());
        long limit = options.packetLimit() == 0 ? Long.MAX_VALUE : options.packetLimit();
        try {
            for (long n = 0; n < limit && running && schedule.awaitNext(keepGoing); n++) {
                byte[] frame = generator.nextFrame();
                try {
                    handle.sendPacket(frame);
                    sent++; // one writer
                } catch (PcapNativeException e) {
                    if (!Pcap.pcapMessage(e).toLowerCase(Locale.ROOT).contains("too long")) {
                        throw e;
                    }
                    tooLong++;
                }
            }
        } catch (PcapNativeException | NotOpenException e) {
            failure = new CaptureException(Reason.CAPTURE_FAILED,
                    "sending on " + interfaceName + " failed: " + Pcap.pcapMessage(e), e);
            LOG.log(Level.WARNING, failure.getMessage());
        } finally {
            handle.close();
            running = false;
            ended.countDown();
        }
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t == null) {
            ended.countDown();
            return;
        }
        try {
            if (t != Thread.currentThread() && !ended.await(5, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "the injector on " + interfaceName + " did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public long sent() {
        return sent;
    }

    @Override
    public long tooLong() {
        return tooLong;
    }

    @Override
    public CaptureException failure() {
        return failure;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }
}
