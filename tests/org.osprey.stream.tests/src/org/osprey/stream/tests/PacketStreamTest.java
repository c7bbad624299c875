package org.osprey.stream.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osprey.core.PacketSummary;
import org.osprey.stream.DisplayFilter;
import org.osprey.stream.PacketListener;
import org.osprey.stream.StreamListener;
import org.osprey.stream.StreamStatistics;
import org.osprey.stream.Subscription;
import org.osprey.stream.internal.PacketStreamImpl;

/** The stream with real decoded packets: ring bounds, sequence numbers, subscribers, clear, statistics. */
class PacketStreamTest {

    /** Long enough for any delivery on a loaded machine; only reached when something hangs. */
    private static final long HANG_GUARD_MILLIS = 60_000;

    private final List<Subscription> subscriptions = new ArrayList<>();

    @AfterEach
    void closeSubscriptions() {
        subscriptions.forEach(Subscription::close);
    }

    private Subscription keep(Subscription subscription) {
        subscriptions.add(subscription);
        return subscription;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + HANG_GUARD_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("gave up waiting: " + what);
            }
            Thread.sleep(2);
        }
    }

    @Test
    void ringKeepsOnlyTheNewestPacketsAndLetsGoOfTheRest() throws Exception {
        List<PacketSummary> packets = Corpus.packets("scan/synscan.pcapng");
        int capacity = packets.size() / 4; // publish 4x what the ring holds
        PacketStreamImpl stream = new PacketStreamImpl(capacity);
        List<WeakReference<PacketSummary>> evictedRefs = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            assertEquals(i, stream.publish(packets.get(i)));
            if (i < packets.size() - capacity) {
                evictedRefs.add(new WeakReference<>(packets.get(i)));
            }
        }
        int total = packets.size();
        assertEquals(total, stream.nextSequence());
        assertEquals(total - capacity, stream.oldestSequence());
        assertEquals(capacity, stream.ringSize());
        assertNull(stream.get(total - capacity - 1), "evicted");
        assertSame(packets.get(total - capacity), stream.get(total - capacity));
        assertSame(packets.get(total - 1), stream.get(total - 1));
        assertNull(stream.get(total), "not yet published");
        StreamStatistics statistics = stream.statistics();
        assertEquals(total - capacity, statistics.ringEvicted());
        assertEquals(capacity, statistics.ringSize());

        // Bounded memory: once nothing else refers to them, the evicted packets can be collected.
        packets.subList(0, total - capacity).clear();
        for (int attempt = 0; attempt < 20 && evictedRefs.stream().anyMatch(r -> r.get() != null); attempt++) {
            System.gc();
            Thread.sleep(10);
        }
        assertEquals(0, evictedRefs.stream().filter(r -> r.get() != null).count(), "evicted packets still reachable");
    }

    @Test
    void readCopiesGaplessRunsFromTheOldestHeld() throws Exception {
        List<PacketSummary> packets = Corpus.packets("benign/http_espn.pcapng");
        PacketStreamImpl stream = new PacketStreamImpl(300);
        packets.forEach(stream::publish);
        PacketSummary[] dst = new PacketSummary[64];
        // from an evicted sequence: starts at the oldest held
        int n = stream.read(0, dst);
        assertEquals(64, n);
        assertEquals(packets.size() - 300, dst[0].sequence());
        // reading everything in chunks gives every held sequence once, in order
        long next = stream.oldestSequence();
        int seen = 0;
        while ((n = stream.read(next, dst)) > 0) {
            for (int i = 0; i < n; i++) {
                assertEquals(next, dst[i].sequence());
                assertSame(packets.get((int) next), dst[i]);
                next++;
                seen++;
            }
        }
        assertEquals(300, seen);
        assertEquals(stream.nextSequence(), next);
    }

    @Test
    void concurrentReaderSeesOnlyContiguousRunsOfTheRightPackets() throws Exception {
        List<PacketSummary> packets = Corpus.packets("brute/ftp-crack.pcap");
        PacketStreamImpl stream = new PacketStreamImpl(1000);
        AtomicReference<String> problem = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            PacketSummary[] dst = new PacketSummary[256];
            long next = 0;
            while (!done.get() || next < stream.nextSequence()) {
                int n = stream.read(next, dst);
                for (int i = 0; i < n; i++) {
                    long expected = i == 0 ? Math.max(next, dst[0].sequence()) : dst[i - 1].sequence() + 1;
                    if (dst[i].sequence() != expected || dst[i] != packets.get((int) expected)) {
                        problem.compareAndSet(null, "at " + expected + " got sequence " + dst[i].sequence());
                    }
                }
                if (n > 0) {
                    if (dst[0].sequence() < next) {
                        problem.compareAndSet(null, "went backwards to " + dst[0].sequence() + " from " + next);
                    }
                    next = dst[n - 1].sequence() + 1;
                }
            }
        });
        reader.start();
        packets.forEach(stream::publish);
        done.set(true);
        reader.join(HANG_GUARD_MILLIS);
        assertEquals(null, problem.get());
        assertEquals(packets.size(), stream.nextSequence());
    }

    @Test
    void stalledSubscriberLosesItsOwnPacketsWithoutSlowingThePublisherOrOthers() throws Exception {
        List<PacketSummary> packets = Corpus.packets("scan/synscan.pcapng");
        int total = packets.size();
        int stalledQueue = 100;
        PacketStreamImpl stream = new PacketStreamImpl(total);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong stalledDropsReported = new AtomicLong();
        AtomicLong stalledReceived = new AtomicLong();
        Subscription stalled = keep(stream.subscribe(null, new PacketListener() {
            @Override
            public void onPackets(PacketSummary[] batch, int count) {
                stalledReceived.addAndGet(count);
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void onDropped(long count) {
                stalledDropsReported.addAndGet(count);
            }
        }, stalledQueue));
        List<Long> fastSequences = Collections.synchronizedList(new ArrayList<>());
        Subscription fast = keep(stream.subscribe(null, (batch, count) -> {
            for (int i = 0; i < count; i++) {
                fastSequences.add(batch[i].sequence());
            }
        }, total));

        stream.publish(packets.get(0));
        entered.await(); // the stalled listener now blocks holding a batch of exactly one packet
        for (int i = 1; i < total; i++) {
            stream.publish(packets.get(i));
        }
        // The publisher is done while the stalled listener is still blocked.
        assertEquals(1, release.getCount());
        assertEquals(1, stalledReceived.get());
        assertEquals(total, stalled.offered());
        int inFlight = 1;
        assertEquals(total - stalledQueue - inFlight, stalled.dropped());
        assertEquals(total - stalledQueue - inFlight, stream.statistics().subscriberQueueDrops());

        await(() -> fast.delivered() == total, "fast subscriber gets every packet");
        assertEquals(0, fast.dropped());
        List<Long> expected = new ArrayList<>();
        for (long s = 0; s < total; s++) {
            expected.add(s);
        }
        assertEquals(expected, fastSequences, "gapless, in order");

        release.countDown();
        await(() -> stalled.delivered() == inFlight + stalledQueue, "stalled subscriber drains its queue");
        await(() -> stalledDropsReported.get() == total - stalledQueue - inFlight, "drops reported to the listener");
        assertEquals(inFlight + stalledQueue, stalledReceived.get());
    }

    @Test
    void eachSubscriberGetsWhatItsOwnFilterSelects() throws Exception {
        String capture = "scan/TCP_SYN_SCAN.pcap";
        List<PacketSummary> packets = Corpus.packets(capture);
        PacketStreamImpl stream = new PacketStreamImpl(packets.size());
        String[] filters = { "tcp.flags.syn == 1 && tcp.flags.ack == 0", "tcp.flags.reset == 1", "tcp.dstport in {20..25}" };
        List<List<PacketSummary>> received = new ArrayList<>();
        List<Subscription> subs = new ArrayList<>();
        for (String filter : filters) {
            List<PacketSummary> got = Collections.synchronizedList(new ArrayList<>());
            received.add(got);
            subs.add(keep(stream.subscribe(DisplayFilter.compile(filter), (batch, count) -> {
                for (int i = 0; i < count; i++) {
                    got.add(batch[i]);
                }
            }, packets.size())));
        }
        packets.forEach(stream::publish);
        for (int k = 0; k < filters.length; k++) {
            List<Long> expectedFrames = Tshark.matchingFrames(Corpus.capture(capture), filters[k]);
            Subscription sub = subs.get(k);
            await(() -> sub.delivered() == expectedFrames.size(), filters[k]);
            List<Long> frames = received.get(k).stream().map(p -> p.sequence() + 1).toList();
            assertEquals(expectedFrames, frames, filters[k]);
            assertEquals(packets.size(), sub.offered(), "the filter runs on the delivery side: every packet is offered");
        }
    }

    @Test
    void filterCanBeChangedWhileTheStreamRuns() throws Exception {
        List<PacketSummary> packets = Corpus.packets("benign/http_espn.pcapng");
        int half = packets.size() / 2;
        DisplayFilter tcp = DisplayFilter.compile("tcp");
        DisplayFilter dns = DisplayFilter.compile("dns");
        long tcpInFirstHalf = packets.subList(0, half).stream().filter(tcp::matches).count();
        long dnsInSecondHalf = packets.subList(half, packets.size()).stream().filter(dns::matches).count();
        assertTrue(tcpInFirstHalf > 0 && dnsInSecondHalf > 0);
        PacketStreamImpl stream = new PacketStreamImpl(packets.size());
        List<PacketSummary> got = Collections.synchronizedList(new ArrayList<>());
        Subscription sub = keep(stream.subscribe(tcp, (batch, count) -> {
            for (int i = 0; i < count; i++) {
                got.add(batch[i]);
            }
        }, packets.size()));
        for (int i = 0; i < half; i++) {
            stream.publish(packets.get(i));
        }
        await(() -> sub.delivered() == tcpInFirstHalf, "first half delivered");
        sub.setFilter(dns);
        assertSame(dns, sub.filter());
        for (int i = half; i < packets.size(); i++) {
            stream.publish(packets.get(i));
        }
        await(() -> sub.delivered() == tcpInFirstHalf + dnsInSecondHalf, "second half delivered");
        assertTrue(got.subList(0, (int) tcpInFirstHalf).stream().allMatch(tcp::matches));
        assertTrue(got.subList((int) tcpInFirstHalf, got.size()).stream().allMatch(dns::matches));
    }

    @Test
    void aThrowingListenerIsLoggedAndDeliveryGoesOn() throws Exception {
        List<PacketSummary> packets = Corpus.packets("scan/NULL_SCAN.pcap");
        PacketStreamImpl stream = new PacketStreamImpl(packets.size());
        AtomicLong calls = new AtomicLong();
        AtomicLong lastSequence = new AtomicLong(-1);
        Subscription sub = keep(stream.subscribe(null, (batch, count) -> {
            calls.incrementAndGet();
            lastSequence.set(batch[count - 1].sequence());
            throw new IllegalStateException("listener bug (expected in this test)");
        }, packets.size()));
        for (PacketSummary p : packets) {
            stream.publish(p);
            if (p.sequence() == 0) {
                await(() -> calls.get() == 1, "first call");
            }
        }
        await(() -> lastSequence.get() == packets.size() - 1, "the last packet still arrives");
        assertTrue(calls.get() >= 2);
        assertEquals(packets.size(), sub.delivered());
    }

    @Test
    void closedSubscriptionGetsNothingMore() throws Exception {
        List<PacketSummary> packets = Corpus.packets("scan/NULL_SCAN.pcap");
        PacketStreamImpl stream = new PacketStreamImpl(packets.size());
        AtomicLong received = new AtomicLong();
        Subscription sub = stream.subscribe(null, (batch, count) -> received.addAndGet(count), packets.size());
        stream.publish(packets.get(0));
        await(() -> received.get() == 1, "first packet");
        assertEquals(1, stream.statistics().subscribers());
        sub.close();
        sub.close();
        assertTrue(sub.isClosed());
        assertEquals(0, stream.statistics().subscribers());
        for (int i = 1; i < packets.size(); i++) {
            stream.publish(packets.get(i));
        }
        assertEquals(1, sub.offered());
        assertEquals(1, received.get());
    }

    @Test
    void clearEmptiesTheRingKeepsNumberingAndTellsListeners() throws Exception {
        List<PacketSummary> packets = Corpus.packets("scan/hs-icmpScan.pcap");
        PacketStreamImpl stream = new PacketStreamImpl(packets.size());
        List<Long> clearedAt = new ArrayList<>();
        StreamListener listener = clearedAt::add;
        stream.addStreamListener(listener);
        int first = 100;
        for (int i = 0; i < first; i++) {
            stream.publish(packets.get(i));
            assertEquals(i + 1, packets.get(i).number(), "numbers count from 1");
        }
        stream.clear();
        assertEquals(List.of((long) first), clearedAt);
        assertEquals(first, stream.oldestSequence());
        assertEquals(first, stream.nextSequence());
        assertEquals(0, stream.ringSize());
        assertNull(stream.get(first - 1));
        assertEquals(0, stream.read(0, new PacketSummary[10]));
        for (int i = first; i < first + 10; i++) {
            assertEquals(i, stream.publish(packets.get(i)));
            assertEquals(i - first + 1, packets.get(i).number(), "numbers restart at 1 after clear");
        }
        PacketSummary[] dst = new PacketSummary[20];
        assertEquals(10, stream.read(0, dst));
        assertEquals(first, dst[0].sequence());
        assertEquals(first + 10, stream.statistics().packets(), "totals survive clear");
        assertEquals(0, stream.statistics().ringEvicted(), "cleared packets are not evictions");
        stream.removeStreamListener(listener);
        stream.clear();
        assertEquals(1, clearedAt.size());
        assertEquals(0, stream.ringSize());
    }

    @Test
    void statisticsCountPacketsBytesAndDropsByCause() throws Exception {
        String capture = "brute/ftp-crack.pcap";
        List<PacketSummary> packets = Corpus.packets(capture);
        int capacity = 5000;
        PacketStreamImpl stream = new PacketStreamImpl(capacity);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        Subscription stalled = keep(stream.subscribe(null, (batch, count) -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 10));
        stream.publish(packets.get(0));
        entered.await();
        for (int i = 1; i < packets.size(); i++) {
            stream.publish(packets.get(i));
        }
        StreamStatistics statistics = stream.statistics();
        assertEquals(packets.size(), statistics.packets());
        assertEquals(Tshark.totalWireBytes(Corpus.capture(capture)), statistics.bytes());
        assertEquals(packets.size() - capacity, statistics.ringEvicted());
        assertEquals(capacity, statistics.ringSize());
        assertEquals(packets.size() - 10 - 1, statistics.subscriberQueueDrops());
        assertEquals(statistics.ringEvicted() + statistics.subscriberQueueDrops(), statistics.totalDrops());
        assertEquals(1, statistics.subscribers());
        assertTrue(statistics.packetsPerSecond() >= 0 && statistics.bytesPerSecond() >= 0);
        release.countDown();
        stalled.close();
        assertEquals(packets.size() - 10 - 1, stream.statistics().subscriberQueueDrops(), "kept after close");
    }

    @Test
    void badArgumentsAreRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> new PacketStreamImpl(0));
        PacketStreamImpl stream = new PacketStreamImpl(10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> stream.subscribe(null, (batch, count) -> { }, 0));
        assertTrue(e.getMessage().contains("queue capacity"), e.getMessage());
        assertThrows(NullPointerException.class, () -> stream.publish(null));
        assertEquals(0, stream.nextSequence(), "nothing published by the failed call");
    }
}
