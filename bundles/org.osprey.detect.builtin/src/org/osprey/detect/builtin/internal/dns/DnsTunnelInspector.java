package org.osprey.detect.builtin.internal.dns;

import java.util.Locale;
import java.util.Map;

import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorSettings;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.Severity;
import org.osprey.detect.builtin.internal.LruMap;

/**
 * Counts, per client and registered domain, the queries of a window of packet time. Allocates per query only the
 * registered domain's text and a map key (DNS queries are a small share of traffic); state is bounded by
 * {@link #MAX_TRACKED} client/domain pairs, the least recently active forgotten first.
 */
final class DnsTunnelInspector implements PacketInspector {

    /** Client/domain pairs kept; each holds at most the distinct-subdomain threshold of ints. */
    static final int MAX_TRACKED = 4_096;
    /** Packet sequences kept as evidence per pair: the first encoded queries. */
    private static final int EVIDENCE_PACKETS = 32;
    private static final int EXAMPLE_LENGTH = 80;

    /** A client host (IPv4 as IPv4-mapped IPv6) and the registered domain it queries. */
    private record ClientDomain(long clientHi, long clientLo, String domain) {
    }

    /** What one client asked under one domain in the current window. */
    private static final class Activity {
        long windowStart;
        int queries;
        int encoded;
        final IntSet subdomains = new IntSet();
        int longestName;
        double highestEntropy;
        String example;
        final long[] sequences = new long[EVIDENCE_PACKETS];
        int sequenceCount;
        boolean alerted;

        void restart(long now) {
            windowStart = now;
            queries = 0;
            encoded = 0;
            subdomains.clear();
            longestName = 0;
            highestEntropy = 0;
            example = null;
            sequenceCount = 0;
            alerted = false;
        }
    }

    private final DetectorContext context;
    private final Map<ClientDomain, Activity> activity = new LruMap<>(MAX_TRACKED);
    private final int[] characterCounts = new int[128];

    DnsTunnelInspector(DetectorContext context) {
        this.context = context;
    }

    @Override
    public void inspect(PacketSummary packet) {
        String name = packet.dnsQueryName();
        if (name == null || packet.isDnsResponse() || packet.ipVersion() == 0) {
            return;
        }
        int end = DomainNames.length(name);
        if (DomainNames.endsWith(name, end, ".arpa") || DomainNames.endsWith(name, end, ".local")) {
            return;
        }
        int domainStart = DomainNames.registeredDomainStart(name, end);
        if (domainStart == 0) {
            return; // a registered domain itself carries no data
        }
        DetectorSettings settings = context.settings();
        int subdomainEnd = domainStart - 1; // the dot before the registered domain
        double entropy = subdomainEnd >= settings.intValue(DnsTunnelDetector.ENTROPY_MIN_LENGTH)
                ? DomainNames.entropy(name, 0, subdomainEnd, characterCounts)
                : 0;
        boolean encoded = end > settings.intValue(DnsTunnelDetector.LONG_NAME)
                || entropy >= settings.value(DnsTunnelDetector.ENTROPY);

        ClientDomain key = packet.ipVersion() == 6
                ? new ClientDomain(packet.srcIp6Hi(), packet.srcIp6Lo(), domain(name, domainStart, end))
                : new ClientDomain(0, 0xffffL << 32 | (packet.srcIp4() & 0xffff_ffffL),
                        domain(name, domainStart, end));
        long now = packet.timestampNanos();
        Activity pair = activity.get(key);
        if (pair == null) {
            pair = new Activity();
            pair.restart(now);
            activity.put(key, pair);
        } else if (now - pair.windowStart > settings.nanos(DnsTunnelDetector.WINDOW)) {
            pair.restart(now);
        }
        int uniqueThreshold = settings.intValue(DnsTunnelDetector.UNIQUE_SUBDOMAINS);
        pair.queries++;
        pair.subdomains.add(DomainNames.hash(name, 0, subdomainEnd), uniqueThreshold);
        if (encoded) {
            pair.encoded++;
            if (end > pair.longestName) {
                pair.longestName = end;
                pair.example = name;
            }
            pair.highestEntropy = Math.max(pair.highestEntropy, entropy);
            if (pair.sequenceCount < EVIDENCE_PACKETS) {
                pair.sequences[pair.sequenceCount++] = packet.sequence();
            }
        }
        if (pair.alerted) {
            return;
        }
        if (pair.encoded >= settings.intValue(DnsTunnelDetector.ENCODED_QUERIES)) {
            raise(packet, key.domain(), pair, settings, true);
        } else if (pair.subdomains.size() >= uniqueThreshold) {
            raise(packet, key.domain(), pair, settings, false);
        }
    }

    private static String domain(String name, int start, int end) {
        return name.substring(start, end).toLowerCase(Locale.ROOT);
    }

    private void raise(PacketSummary packet, String domain, Activity pair, DetectorSettings settings,
            boolean encodedNames) {
        pair.alerted = true;
        String client = packet.source();
        double seconds = (packet.timestampNanos() - pair.windowStart) / 1e9;
        Alert.Builder alert = Alert.builder(DnsTunnelDetector.ID,
                encodedNames ? DnsTunnelDetector.SIG_ENCODED_NAMES : DnsTunnelDetector.SIG_SUBDOMAIN_VOLUME,
                encodedNames ? "DNS tunnel (encoded query names)" : "DNS tunnel (many distinct subdomains)")
                .severity(encodedNames ? Severity.HIGH : Severity.MEDIUM)
                .category("Potentially Bad Traffic")
                .mitreTechnique("T1071.004")
                .source(client, Alert.NO_PORT)
                .destination(packet.destination(), 53)
                .transport(packet.ipProtocol() == 6 ? "TCP" : "UDP")
                .message(encodedNames
                        ? String.format(Locale.ROOT, "%s tunnels data through DNS under %s: %d encoded-looking"
                                + " queries in %.1f s", client, domain, pair.encoded, seconds)
                        : String.format(Locale.ROOT, "%s queried %d distinct subdomains of %s in %.1f s (possible"
                                + " DNS tunnel)", client, pair.subdomains.size(), domain, seconds))
                .evidence("domain", domain)
                .evidence("client", client)
                .evidence("resolver", packet.destination())
                .evidence("queries", Integer.toString(pair.queries))
                .evidence("encoded queries", Integer.toString(pair.encoded))
                .evidence("distinct subdomains", Integer.toString(pair.subdomains.size()))
                .evidence("window", String.format(Locale.ROOT, "%.3f s of %s s", seconds,
                        format(settings.value(DnsTunnelDetector.WINDOW))));
        if (encodedNames) {
            alert.evidence("threshold", settings.intValue(DnsTunnelDetector.ENCODED_QUERIES)
                    + " encoded queries (name > " + settings.intValue(DnsTunnelDetector.LONG_NAME)
                    + " characters or subdomain entropy >= " + format(settings.value(DnsTunnelDetector.ENTROPY))
                    + " bits/char)");
        } else {
            alert.evidence("threshold", settings.intValue(DnsTunnelDetector.UNIQUE_SUBDOMAINS)
                    + " distinct subdomains");
        }
        if (pair.example != null) {
            alert.evidence("longest name", pair.longestName + " characters")
                    .evidence("highest entropy", String.format(Locale.ROOT, "%.2f bits/char", pair.highestEntropy))
                    .evidence("example", pair.example.length() > EXAMPLE_LENGTH
                            ? pair.example.substring(0, EXAMPLE_LENGTH) + "..." : pair.example);
        }
        for (int i = 0; i < pair.sequenceCount; i++) {
            alert.sequence(pair.sequences[i]);
        }
        if (pair.sequenceCount == 0 || pair.sequences[pair.sequenceCount - 1] != packet.sequence()) {
            alert.sequence(packet.sequence());
        }
        context.alerts().raise(alert.timestampNanos(packet.timestampNanos()).build());
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
