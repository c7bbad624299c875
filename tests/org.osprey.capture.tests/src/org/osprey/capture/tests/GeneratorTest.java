package org.osprey.capture.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.osprey.capture.AttackKind;
import org.osprey.capture.CaptureSource;
import org.osprey.capture.CaptureState;
import org.osprey.capture.GeneratorOptions;
import org.osprey.capture.internal.generator.TrafficGenerator;
import org.osprey.core.PacketSummary;
import org.osprey.core.Protocol;
import org.osprey.core.SummaryDecoder;
import org.osprey.stream.PacketStream;

/** The traffic generator: determinism, real frames, every attack recognisable, and the rate it is asked for. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GeneratorTest {

    private static final int TCP_FIN = PacketSummary.TCP_FIN, TCP_SYN = PacketSummary.TCP_SYN,
            TCP_RST = PacketSummary.TCP_RST, TCP_PSH = PacketSummary.TCP_PSH, TCP_ACK = PacketSummary.TCP_ACK,
            TCP_URG = PacketSummary.TCP_URG;
    private static final int LAN_PREFIX = 192 << 24 | 168 << 16 | 10 << 8;

    /** Frames of a long run with an attack every 200 benign packets, by the attack they belong to. */
    private static final Map<AttackKind, List<PacketSummary>> BY_ATTACK = new EnumMap<>(AttackKind.class);
    private static final List<PacketSummary> BENIGN = new ArrayList<>();

    @BeforeAll
    static void generate() {
        TrafficGenerator generator = new TrafficGenerator(GeneratorOptions.withSeed(7).attackEveryPackets(200).build());
        for (int i = 0; i < 150_000; i++) {
            byte[] frame = generator.nextFrame();
            PacketSummary p = SummaryDecoder.decode(frame, SummaryDecoder.LINKTYPE_ETHERNET, i, frame.length);
            AttackKind attack = generator.lastFrameAttack();
            if (attack == null) {
                BENIGN.add(p);
            } else {
                BY_ATTACK.computeIfAbsent(attack, k -> new ArrayList<>()).add(p);
            }
        }
    }

    /** Lets go of the 150,000 packets (the test runtime goes on with other classes). */
    @AfterAll
    static void release() {
        BY_ATTACK.clear();
        BENIGN.clear();
    }

    @Test
    void theSameSeedGivesTheSameFramesAndAnotherSeedOthers() {
        GeneratorOptions options = GeneratorOptions.withSeed(1234).attackEveryPackets(300).build();
        TrafficGenerator a = new TrafficGenerator(options);
        TrafficGenerator b = new TrafficGenerator(options);
        TrafficGenerator other = new TrafficGenerator(GeneratorOptions.withSeed(1235).attackEveryPackets(300).build());
        int differing = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] frame = a.nextFrame();
            assertArrayEquals(frame, b.nextFrame(), "frame " + i);
            assertEquals(a.lastFrameAttack(), b.lastFrameAttack());
            if (!java.util.Arrays.equals(frame, other.nextFrame())) {
                differing++;
            }
        }
        assertTrue(differing > 45_000, "another seed gives other frames (" + differing + " of 50000 differ)");
    }

    @Test
    void everyFrameHasCorrectChecksumsAndDecodesCleanly() {
        List<PacketSummary> all = new ArrayList<>(BENIGN);
        BY_ATTACK.values().forEach(all::addAll);
        for (PacketSummary p : all) {
            assertEquals(0, p.flags(), () -> "decoder flags on " + p.info());
            assertTrue(p.protocol() != Protocol.UNKNOWN && p.protocol() != Protocol.ETHERNET, p::info);
            Checksums.assertValid(p);
        }
    }

    @Test
    void theBenignMixHoldsWebTlsDnsSshNtpAndArp() {
        Map<String, Long> byService = BENIGN.stream().collect(Collectors.groupingBy(GeneratorTest::service,
                Collectors.counting()));
        for (String service : List.of("http", "tls", "dns", "ssh", "ntp", "arp")) {
            assertTrue(byService.getOrDefault(service, 0L) > 100, service + " in " + byService);
        }
        assertTrue(BENIGN.stream().anyMatch(p -> payloadText(p).contains("Host: ")), "HTTP requests name their host");
        assertTrue(BENIGN.stream().anyMatch(p -> p.dnsQueryName() != null && p.isDnsResponse() && p.dnsAnswerCount() == 1));
    }

    private static String service(PacketSummary p) {
        if (p.arpOpcode() != PacketSummary.ABSENT) {
            return "arp";
        }
        int port = Math.min(p.srcPort(), p.dstPort());
        return switch (port) {
            case 80 -> "http";
            case 443 -> "tls";
            case 53 -> "dns";
            case 22 -> "ssh";
            case 123 -> "ntp";
            default -> "other";
        };
    }

    @ParameterizedTest
    @EnumSource(AttackKind.class)
    void everyAttackAppearsAndDecodesAsWhatItIs(AttackKind kind) {
        List<PacketSummary> frames = BY_ATTACK.getOrDefault(kind, List.of());
        assertFalse(frames.isEmpty(), kind + " was injected");
        switch (kind) {
            case SYN_SCAN -> assertScan(frames, TCP_SYN, TCP_RST | TCP_ACK);
            case CONNECT_SCAN -> {
                assertScan(frames, TCP_SYN, TCP_RST | TCP_ACK);
                assertTrue(count(frames, p -> p.tcpFlags() == TCP_ACK) >= 5, "handshakes completed on open ports");
            }
            case FIN_SCAN -> assertScan(frames, TCP_FIN, TCP_RST | TCP_ACK);
            case NULL_SCAN -> assertScan(frames, 0, TCP_RST | TCP_ACK);
            case XMAS_SCAN -> assertScan(frames, TCP_FIN | TCP_PSH | TCP_URG, TCP_RST | TCP_ACK);
            case ACK_SCAN -> assertScan(frames, TCP_ACK, TCP_RST);
            case UDP_SCAN -> {
                List<PacketSummary> probes = frames.stream().filter(p -> p.ipProtocol() == SummaryDecoder.IPPROTO_UDP)
                        .toList();
                assertTrue(distinct(probes, PacketSummary::dstPort) >= 50, "UDP probes to many ports");
                assertTrue(count(frames, p -> p.icmpType() == 3 && p.icmpCode() == 3) >= 50, "port unreachable");
            }
            case SYN_FLOOD -> {
                List<PacketSummary> syns = frames.stream().filter(p -> p.tcpFlags() == TCP_SYN).toList();
                assertTrue(syns.size() >= 3000, "SYNs: " + syns.size());
                assertEquals(1, distinct(syns, p -> p.dstIp4() + ":" + p.dstPort()), "one victim");
                assertTrue(distinct(syns, PacketSummary::srcIp4) > 2000, "spoofed sources");
            }
            case PING_SWEEP -> {
                List<PacketSummary> requests = frames.stream().filter(p -> p.icmpType() == 8).toList();
                assertTrue(distinct(requests, PacketSummary::dstIp4) >= 254, "every address of the /24");
                assertTrue(requests.stream().allMatch(p -> (p.dstIp4() & 0xffffff00) == LAN_PREFIX));
                assertEquals(1, distinct(requests, PacketSummary::srcIp4), "one scanner");
                assertTrue(count(frames, p -> p.icmpType() == 0) > 10, "live hosts reply");
            }
            case DNS_TUNNEL -> {
                List<PacketSummary> queries = frames.stream().filter(p -> p.protocol() == Protocol.DNS
                        && !p.isDnsResponse()).toList();
                assertTrue(queries.size() >= 100, "queries: " + queries.size());
                for (PacketSummary q : queries) {
                    assertEquals(16, q.dnsQueryType(), "TXT");
                    assertTrue(q.dnsQueryName().endsWith(".t.exfil-demo.net"), q.dnsQueryName());
                    assertTrue(q.dnsQueryName().indexOf('.') >= 60, "a long encoded label: " + q.dnsQueryName());
                }
            }
            case FTP_BRUTE_FORCE -> {
                assertTrue(count(frames, p -> p.dstPort() == 21 && payloadText(p).startsWith("PASS ")) >= 30);
                assertTrue(count(frames, p -> p.srcPort() == 21 && payloadText(p).startsWith("530 ")) >= 30);
                assertEquals(1, distinct(frames, p -> p.srcPort() == 21 ? p.dstIp4() : p.srcIp4()), "one attacker");
            }
            case SSH_BRUTE_FORCE -> {
                List<PacketSummary> syns = frames.stream().filter(p -> p.tcpFlags() == TCP_SYN && p.dstPort() == 22)
                        .toList();
                assertTrue(syns.size() >= 20, "connections: " + syns.size());
                assertEquals(1, distinct(syns, PacketSummary::srcIp4), "one attacker");
                assertTrue(count(frames, p -> payloadText(p).startsWith("SSH-2.0-")) >= 40, "each one an SSH session");
            }
            case ARP_SPOOFING -> {
                Map<Integer, Set<Long>> macsByIp = new HashMap<>();
                frames.stream().filter(p -> p.arpOpcode() == 2)
                        .forEach(p -> macsByIp.computeIfAbsent(p.arpSenderIp(), ip -> new HashSet<>()).add(p.arpSenderMac()));
                assertTrue(macsByIp.values().stream().anyMatch(macs -> macs.size() == 2),
                        "two MACs claim one IP: " + macsByIp);
            }
            case FTP_CREDENTIALS -> {
                assertTrue(count(frames, p -> payloadText(p).startsWith("USER alice")) >= 1);
                assertTrue(count(frames, p -> payloadText(p).startsWith("PASS ")) >= 1);
                assertTrue(count(frames, p -> payloadText(p).startsWith("230 ")) >= 1, "the login succeeds");
            }
            case HTTP_BASIC_CREDENTIALS -> assertTrue(count(frames, p -> p.dstPort() == 80
                    && payloadText(p).contains("\r\nAuthorization: Basic YWRtaW46")) >= 1);
            case TELNET_CREDENTIALS -> {
                assertTrue(count(frames, p -> p.srcPort() == 23 && payloadText(p).contains("login: ")) >= 1);
                assertTrue(count(frames, p -> p.dstPort() == 23 && payloadText(p).equals("hunter2\r\n")) >= 1);
            }
        }
    }

    /** Probes with exactly {@code probeFlags} from one scanner to many ports of one target, answered by closed ports. */
    private static void assertScan(List<PacketSummary> frames, int probeFlags, int closedAnswer) {
        List<PacketSummary> probes = frames.stream().filter(p -> p.tcpFlags() == probeFlags
                && (p.srcIp4() & 0xff) == 99).toList();
        assertTrue(distinct(probes, PacketSummary::dstPort) >= 80, "probes to many ports: " + probes.size());
        assertEquals(1, distinct(probes, PacketSummary::dstIp4), "one target");
        assertTrue(count(frames, p -> p.tcpFlags() == closedAnswer && (p.dstIp4() & 0xff) == 99) >= 50,
                "closed ports answer");
    }

    @Test
    void theSourcePublishesAtTheRateAskedFor() throws Exception {
        PacketStream stream = Services.stream();
        int rate = 2000;
        CaptureSource generator = Services.captureSources().generator(GeneratorOptions.withSeed(3)
                .packetsPerSecond(rate).build(), stream);
        long mark = Services.mark(stream);
        long started = System.nanoTime();
        generator.start();
        Thread.sleep(1000);
        generator.stop();
        double seconds = (System.nanoTime() - started) / 1e9;
        long published = generator.counters().captured();
        assertEquals(CaptureState.STOPPED, generator.state());
        assertEquals(published, Services.since(stream, mark).size());
        // loosely: pacing keeps to the rate over the time it ran (never ahead of it by more than one burst)
        assertTrue(published <= rate * seconds + 50, published + " packets in " + seconds + " s");
        assertTrue(published >= rate * seconds * 0.6, published + " packets in " + seconds + " s");
    }

    /** The low end of the range: one packet a second, the first at once, nothing in between. */
    @Test
    void onePacketPerSecondIsOnePacketPerSecond() throws Exception {
        PacketStream stream = Services.stream();
        CaptureSource generator = Services.captureSources().generator(GeneratorOptions.withSeed(4)
                .packetsPerSecond(1).build(), stream);
        long started = System.nanoTime();
        generator.start();
        Thread.sleep(1500);
        generator.stop();
        double seconds = (System.nanoTime() - started) / 1e9;
        long published = generator.counters().captured();
        assertTrue(published >= 1 && published <= Math.floor(seconds) + 1, published + " packets in " + seconds + " s");
    }

    @Test
    void aPacketLimitFinishesTheSourceWithDecodedWallClockPackets() throws Exception {
        PacketStream stream = Services.stream();
        CaptureSource generator = Services.captureSources().generator(GeneratorOptions.withSeed(11).unlimitedRate()
                .packetLimit(20_000).build(), stream);
        long mark = Services.mark(stream);
        long before = Services.epochNanos();
        generator.start();
        assertTrue(generator.awaitTermination(60, TimeUnit.SECONDS));
        long after = Services.epochNanos();
        assertEquals(CaptureState.FINISHED, generator.state());
        List<PacketSummary> published = Services.since(stream, mark);
        assertEquals(20_000, published.size());
        assertEquals(20_000, generator.counters().captured());
        assertEquals(0, generator.counters().decodeErrors());
        assertEquals(List.of(SummaryDecoder.LINKTYPE_ETHERNET), generator.linkTypes());
        TrafficGenerator same = new TrafficGenerator(GeneratorOptions.withSeed(11).build());
        for (PacketSummary p : published) {
            assertArrayEquals(same.nextFrame(), p.frame(), "the source publishes the generator's frames in order");
            assertTrue(p.timestampNanos() >= before && p.timestampNanos() <= after,
                    () -> "timestamp " + Instant.ofEpochSecond(0, p.timestampNanos()));
            assertTrue(p.protocol() != Protocol.UNKNOWN);
        }
    }

    @Test
    void onlyTheChosenAttacksAreInjected() {
        TrafficGenerator generator = new TrafficGenerator(GeneratorOptions.withSeed(5).attackEveryPackets(100)
                .attacks(Set.of(AttackKind.XMAS_SCAN, AttackKind.ARP_SPOOFING)).build());
        Set<AttackKind> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            generator.nextFrame();
            if (generator.lastFrameAttack() != null) {
                seen.add(generator.lastFrameAttack());
            }
        }
        assertEquals(Set.of(AttackKind.XMAS_SCAN, AttackKind.ARP_SPOOFING), seen);

        TrafficGenerator benign = new TrafficGenerator(GeneratorOptions.withSeed(5).noAttacks().build());
        for (int i = 0; i < 20_000; i++) {
            benign.nextFrame();
            assertEquals(null, benign.lastFrameAttack());
        }
    }

    private static String payloadText(PacketSummary p) {
        if (p.payloadLength() <= 0) {
            return "";
        }
        return new String(p.frame(), p.payloadOffset(), p.payloadLength(), StandardCharsets.ISO_8859_1);
    }

    private static long count(List<PacketSummary> frames, Predicate<PacketSummary> test) {
        return frames.stream().filter(test).count();
    }

    private static long distinct(List<PacketSummary> frames, java.util.function.Function<PacketSummary, ?> key) {
        return frames.stream().map(key).distinct().count();
    }
}
