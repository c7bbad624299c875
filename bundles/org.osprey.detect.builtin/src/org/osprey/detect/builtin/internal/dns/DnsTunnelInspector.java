package org.osprey.detect.builtin.internal.dns;

import java.util.Locale;

import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorSettings;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.Severity;
import org.osprey.detect.builtin.internal.HostIds;
import org.osprey.detect.builtin.internal.KeyTable;

/**
 * Counts, per client and registered domain, the queries of a window of packet time, in a {@link KeyTable} keyed by
 * the client's id and a 64-bit hash of the domain, with parallel arrays: nothing is allocated per query (the decoder
 * made the name already) once an entry's arrays exist, even under a flood of random domains (the table then evicts
 * the pairs not seen for longest). The domain's text is made only for an alert.
 */
final class DnsTunnelInspector implements PacketInspector {

    /** Client/domain pairs kept; each holds at most the distinct-subdomain threshold of ints. */
    static final int MAX_TRACKED = 4_096;
    /** Packet sequences kept as evidence per pair: the first encoded queries. */
    private static final int EVIDENCE_PACKETS = 32;
    private static final int EXAMPLE_LENGTH = 80;

    private final DetectorContext context;
    private final KeyTable pairs = new KeyTable(MAX_TRACKED);
    private final int[] characterCounts = new int[128];

    // What one client asked under one domain in the current window, per entry of the table.
    private final long[] windowStart = new long[MAX_TRACKED];
    private final int[] queries = new int[MAX_TRACKED];
    private final int[] encoded = new int[MAX_TRACKED];
    private final IntSet[] subdomains = new IntSet[MAX_TRACKED];
    private final int[] longestName = new int[MAX_TRACKED];
    private final double[] highestEntropy = new double[MAX_TRACKED];
    /** The longest encoded name (the decoder's string, kept by reference). */
    private final String[] example = new String[MAX_TRACKED];
    private final long[][] sequences = new long[MAX_TRACKED][];
    private final int[] sequenceCount = new int[MAX_TRACKED];
    private final boolean[] alerted = new boolean[MAX_TRACKED];

    DnsTunnelInspector(DetectorContext context) {
        this.context = context;
    }

    @Override
    public void inspect(PacketSummary packet) {
        String name = packet.dnsQueryName();
        long client = HostIds.source(packet);
        if (name == null || packet.isDnsResponse() || client == HostIds.NONE) {
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
        boolean encodedName = end > settings.intValue(DnsTunnelDetector.LONG_NAME)
                || entropy >= settings.value(DnsTunnelDetector.ENTROPY);

        long now = packet.timestampNanos();
        int entry = pairs.findOrAdd(client, DomainNames.hash64(name, domainStart, end), now);
        if (pairs.added() || now - windowStart[entry] > settings.nanos(DnsTunnelDetector.WINDOW)) {
            restart(entry, now);
        }
        int uniqueThreshold = settings.intValue(DnsTunnelDetector.UNIQUE_SUBDOMAINS);
        queries[entry]++;
        subdomains[entry].add(DomainNames.hash(name, 0, subdomainEnd), uniqueThreshold);
        if (encodedName) {
            encoded[entry]++;
            if (end > longestName[entry]) {
                longestName[entry] = end;
                example[entry] = name;
            }
            highestEntropy[entry] = Math.max(highestEntropy[entry], entropy);
            if (sequenceCount[entry] < EVIDENCE_PACKETS) {
                sequences[entry][sequenceCount[entry]++] = packet.sequence();
            }
        }
        if (alerted[entry]) {
            return;
        }
        if (encoded[entry] >= settings.intValue(DnsTunnelDetector.ENCODED_QUERIES)) {
            raise(packet, domainStart, end, entry, settings, true);
        } else if (subdomains[entry].size() >= uniqueThreshold) {
            raise(packet, domainStart, end, entry, settings, false);
        }
    }

    private void restart(int entry, long now) {
        windowStart[entry] = now;
        queries[entry] = 0;
        encoded[entry] = 0;
        if (subdomains[entry] == null) {
            subdomains[entry] = new IntSet();
            sequences[entry] = new long[EVIDENCE_PACKETS];
        } else {
            subdomains[entry].clear();
        }
        longestName[entry] = 0;
        highestEntropy[entry] = 0;
        example[entry] = null;
        sequenceCount[entry] = 0;
        alerted[entry] = false;
    }

    private void raise(PacketSummary packet, int domainStart, int end, int entry, DetectorSettings settings,
            boolean encodedNames) {
        alerted[entry] = true;
        String name = packet.dnsQueryName();
        String domain = name.substring(domainStart, end).toLowerCase(Locale.ROOT);
        String client = packet.source();
        double seconds = (packet.timestampNanos() - windowStart[entry]) / 1e9;
        int distinct = subdomains[entry].size();
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
                                + " queries in %.1f s", client, domain, encoded[entry], seconds)
                        : String.format(Locale.ROOT, "%s queried %d distinct subdomains of %s in %.1f s (possible"
                                + " DNS tunnel)", client, distinct, domain, seconds))
                .evidence("domain", domain)
                .evidence("client", client)
                .evidence("resolver", packet.destination())
                .evidence("queries", Integer.toString(queries[entry]))
                .evidence("encoded queries", Integer.toString(encoded[entry]))
                .evidence("distinct subdomains", Integer.toString(distinct))
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
        String longest = example[entry];
        if (longest != null) {
            alert.evidence("longest name", longestName[entry] + " characters")
                    .evidence("highest entropy", String.format(Locale.ROOT, "%.2f bits/char", highestEntropy[entry]))
                    .evidence("example", longest.length() > EXAMPLE_LENGTH
                            ? longest.substring(0, EXAMPLE_LENGTH) + "..." : longest);
        }
        int count = sequenceCount[entry];
        for (int i = 0; i < count; i++) {
            alert.sequence(sequences[entry][i]);
        }
        if (count == 0 || sequences[entry][count - 1] != packet.sequence()) {
            alert.sequence(packet.sequence());
        }
        context.alerts().raise(alert.timestampNanos(packet.timestampNanos()).build());
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
