package org.osprey.detect;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.osprey.core.PacketSummary;

/**
 * What a detector found, immutable. The source is the attacker (or the host misbehaving) and the destination the
 * target, as an analyst reads them; either may be a network (for a sweep) or absent.
 * <p>
 * Build one with {@link #builder}:
 * <pre>
 * sink.raise(Alert.builder("osprey.portscan", 1001, "Port scan (SYN)")
 *         .severity(Severity.MEDIUM).category("Detection of a Network Scan").mitreTechnique("T1046")
 *         .source("172.16.0.8", Alert.NO_PORT).destination("64.13.134.52", Alert.NO_PORT).transport("TCP")
 *         .message("172.16.0.8 probed 1,000 ports of 64.13.134.52 in 1.2 s")
 *         .evidence("distinct ports", "1000").evidence("threshold", "100 ports in 60 s")
 *         .packet(first).packet(last).build());
 * </pre>
 */
public final class Alert {

    /** The port of a source or destination that has none (ARP, ICMP, a sweep). */
    public static final int NO_PORT = -1;

    /** At most this many packet sequence numbers are kept as evidence; further ones are counted, not kept. */
    public static final int MAX_SEQUENCES = 1_000;

    private final long timestampNanos;
    private final Severity severity;
    private final String category;
    private final String detectorId;
    private final int signatureId;
    private final String signature;
    private final String message;
    private final String sourceAddress;
    private final int sourcePort;
    private final String destinationAddress;
    private final int destinationPort;
    private final String transport;
    private final String communityId;
    private final long[] sequences;
    private final Map<String, String> evidence;
    private final String mitreTechnique;

    private Alert(Builder b) {
        this.timestampNanos = b.timestampNanos;
        this.severity = b.severity;
        this.category = b.category;
        this.detectorId = b.detectorId;
        this.signatureId = b.signatureId;
        this.signature = b.signature;
        this.message = b.message != null ? b.message : b.signature;
        this.sourceAddress = b.sourceAddress;
        this.sourcePort = b.sourcePort;
        this.destinationAddress = b.destinationAddress;
        this.destinationPort = b.destinationPort;
        this.transport = b.transport;
        this.communityId = b.communityId;
        this.sequences = Arrays.copyOf(b.sequences, b.sequenceCount);
        this.evidence = Collections.unmodifiableMap(new LinkedHashMap<>(b.evidence));
        this.mitreTechnique = b.mitreTechnique;
    }

    /**
     * Starts an alert.
     *
     * @param detectorId  the raising detector's {@link Detector#id()}
     * @param signatureId a number unique within the detector for this kind of finding (Suricata's signature_id)
     * @param signature   a short name for this kind of finding, for example {@code "Port scan (SYN)"}
     */
    public static Builder builder(String detectorId, int signatureId, String signature) {
        return new Builder(detectorId, signatureId, signature);
    }

    /** A builder with every field of this alert, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(detectorId, signatureId, signature);
        b.timestampNanos = timestampNanos;
        b.severity = severity;
        b.category = category;
        b.message = message;
        b.sourceAddress = sourceAddress;
        b.sourcePort = sourcePort;
        b.destinationAddress = destinationAddress;
        b.destinationPort = destinationPort;
        b.transport = transport;
        b.communityId = communityId;
        b.sequences = Arrays.copyOf(sequences, Math.max(sequences.length, 8));
        b.sequenceCount = sequences.length;
        b.evidence.putAll(evidence);
        b.mitreTechnique = mitreTechnique;
        return b;
    }

    /** Packet time of the packet that completed the finding (or of the time advance that did). */
    public long timestampNanos() { return timestampNanos; }
    public Severity severity() { return severity; }
    /** Suricata-style classification, for example {@code "Detection of a Network Scan"}. */
    public String category() { return category; }
    public String detectorId() { return detectorId; }
    public int signatureId() { return signatureId; }
    public String signature() { return signature; }
    /** One sentence for the analyst, naming the attacker and the target. */
    public String message() { return message; }
    /** The attacker's (or misbehaving host's) address: IPv4, IPv6, MAC or a network; {@code null} when unknown. */
    public String sourceAddress() { return sourceAddress; }
    /** {@link #NO_PORT} when none. */
    public int sourcePort() { return sourcePort; }
    /** The target's address; {@code null} when there is no single one (a sweep names the network instead). */
    public String destinationAddress() { return destinationAddress; }
    public int destinationPort() { return destinationPort; }
    /** {@code "TCP"}, {@code "UDP"}, {@code "ICMP"}, {@code "ARP"}, ... or {@code null}. */
    public String transport() { return transport; }
    /** The Community ID of the flow the alert is about, or {@code null} when it spans many flows. */
    public String communityId() { return communityId; }
    /** Sequence numbers of the packets that triggered it, in order (a copy; at most {@link #MAX_SEQUENCES}). */
    public long[] sequences() { return sequences.clone(); }
    public int sequenceCount() { return sequences.length; }
    public long sequence(int index) { return sequences[index]; }
    /** What fired, as ordered key/values: counts, rates, the thresholds they crossed, credentials' user names. */
    public Map<String, String> evidence() { return evidence; }
    /** The MITRE ATT&amp;CK technique id, for example {@code "T1046"}, or {@code null}. */
    public String mitreTechnique() { return mitreTechnique; }

    @Override
    public String toString() {
        return severity + " " + detectorId + ":" + signatureId + " " + message;
    }

    /** Builds an {@link Alert}; severity defaults to {@link Severity#MEDIUM}, category to the signature. */
    public static final class Builder {

        private final String detectorId;
        private final int signatureId;
        private final String signature;
        private long timestampNanos;
        private Severity severity = Severity.MEDIUM;
        private String category;
        private String message;
        private String sourceAddress;
        private int sourcePort = NO_PORT;
        private String destinationAddress;
        private int destinationPort = NO_PORT;
        private String transport;
        private String communityId;
        private long[] sequences = new long[8];
        private int sequenceCount;
        private final Map<String, String> evidence = new LinkedHashMap<>();
        private String mitreTechnique;

        private Builder(String detectorId, int signatureId, String signature) {
            this.detectorId = Objects.requireNonNull(detectorId, "detectorId");
            this.signatureId = signatureId;
            this.signature = Objects.requireNonNull(signature, "signature");
        }

        public Builder timestampNanos(long timestampNanos) { this.timestampNanos = timestampNanos; return this; }
        public Builder severity(Severity severity) { this.severity = Objects.requireNonNull(severity); return this; }
        public Builder category(String category) { this.category = category; return this; }
        public Builder message(String message) { this.message = message; return this; }
        public Builder source(String address, int port) { sourceAddress = address; sourcePort = port; return this; }
        public Builder destination(String address, int port) {
            destinationAddress = address;
            destinationPort = port;
            return this;
        }
        public Builder transport(String transport) { this.transport = transport; return this; }
        public Builder communityId(String communityId) { this.communityId = communityId; return this; }
        public Builder mitreTechnique(String technique) { this.mitreTechnique = technique; return this; }
        public Builder evidence(String key, String value) { evidence.put(key, value); return this; }

        /** Adds a packet's sequence number as evidence; also sets the time to the packet's when it is later. */
        public Builder packet(PacketSummary packet) {
            sequence(packet.sequence());
            timestampNanos = Math.max(timestampNanos, packet.timestampNanos());
            return this;
        }

        /** Adds a sequence number as evidence (beyond {@link Alert#MAX_SEQUENCES}, ignored). */
        public Builder sequence(long sequence) {
            if (sequenceCount == MAX_SEQUENCES) {
                return this;
            }
            if (sequenceCount == sequences.length) {
                sequences = Arrays.copyOf(sequences, Math.min(MAX_SEQUENCES, sequenceCount * 2));
            }
            sequences[sequenceCount++] = sequence;
            return this;
        }

        /** Forgets the sequence numbers added so far (an alert moved to a stream that numbers packets otherwise). */
        public Builder clearSequences() {
            sequenceCount = 0;
            return this;
        }

        public Alert build() {
            if (category == null) {
                category = signature;
            }
            return new Alert(this);
        }
    }
}
