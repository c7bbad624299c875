package org.osprey.core;

/**
 * The summary of one captured packet: what the hot path decodes, what views and detectors read, and a reference to
 * the raw frame for a full decode on demand.
 * <p>
 * Addresses are kept as numbers (IPv4 as an {@code int}, IPv6 as two {@code long}s, MACs in the low 48 bits of a
 * {@code long}) so that decoding and filtering allocate nothing; the text forms are made only when asked for.
 * A field that the packet does not have holds {@link #ABSENT} (or {@code null} for objects).
 * <p>
 * Filled once by {@link SummaryDecoder}; after it has been published to a stream it is treated as immutable except
 * for the sequence number and the packet number, which the stream assigns on publish.
 */
public final class PacketSummary {

    /** Value of an integer field the packet does not have. */
    public static final int ABSENT = -1;

    /** The decoder ran out of captured bytes before a header it expected ended (snaplen or a cut frame). */
    public static final int FLAG_TRUNCATED = 1;
    /** A header was present but invalid (bad version, bad length field, bad option). Decoding stopped there. */
    public static final int FLAG_MALFORMED = 1 << 1;
    /** An IPv4 or IPv6 fragment: only the first fragment carries transport headers. */
    public static final int FLAG_FRAGMENT = 1 << 2;
    /** The link type is not one the summary decoder knows; only lengths and timestamp are filled. */
    public static final int FLAG_UNKNOWN_LINK = 1 << 3;

    /** TCP flag bits as in the TCP header (low 9 bits: NS CWR ECE URG ACK PSH RST SYN FIN). */
    public static final int TCP_FIN = 0x001, TCP_SYN = 0x002, TCP_RST = 0x004, TCP_PSH = 0x008, TCP_ACK = 0x010,
            TCP_URG = 0x020, TCP_ECE = 0x040, TCP_CWR = 0x080, TCP_NS = 0x100;

    // --- frame
    long sequence = ABSENT;
    long number = ABSENT;
    long timestampNanos;
    int wireLength;
    int capturedLength;
    int linkType;
    byte[] frame;
    int flags;
    /** Index of the capture interface (pcapng) the packet came from; 0 for pcap and live capture. */
    int interfaceId;

    // --- link layer
    long srcMac = ABSENT;
    long dstMac = ABSENT;
    int vlanId = ABSENT;
    int innerVlanId = ABSENT;
    int etherType = ABSENT;

    // --- network layer
    int ipVersion; // 0 = no IP
    int srcIp4, dstIp4;
    long srcIp6Hi, srcIp6Lo, dstIp6Hi, dstIp6Lo;
    int ipProtocol = ABSENT; // transport protocol number after IPv6 extension headers
    int ttl = ABSENT; // TTL or hop limit
    int ipIdentification = ABSENT;
    int fragmentOffset = ABSENT; // in bytes

    // --- transport layer
    int srcPort = ABSENT;
    int dstPort = ABSENT;
    int tcpFlags = ABSENT;
    long tcpSeq = ABSENT;
    long tcpAck = ABSENT;
    int tcpWindow = ABSENT;
    int icmpType = ABSENT;
    int icmpCode = ABSENT;
    /** Offset in {@link #frame} of the TCP/UDP/ICMP/SCTP/IGMP header. */
    int transportOffset = ABSENT;
    /** Offset in {@link #frame} and length of the transport payload (what follows the TCP/UDP/ICMP header). */
    int payloadOffset = ABSENT;
    int payloadLength = ABSENT;
    /** Payload length the headers declare; larger than {@link #payloadLength} when the capture cut the packet. */
    int payloadWireLength = ABSENT;

    // --- ARP
    int arpOpcode = ABSENT;
    /** ABSENT unless the packet is Ethernet/IPv4 ARP; the four ARP address fields are valid exactly when it is not. */
    long arpSenderMac = ABSENT;
    int arpSenderIp;
    long arpTargetMac = ABSENT;
    int arpTargetIp;

    // --- DNS
    int dnsId = ABSENT;
    int dnsFlags = ABSENT;
    int dnsQuestionCount = ABSENT;
    int dnsAnswerCount = ABSENT;
    String dnsQueryName;
    int dnsQueryType = ABSENT;

    /** The highest layer the summary decoder recognised. */
    Protocol protocol = Protocol.UNKNOWN;

    /**
     * A summary holding only the frame and what the capture record says about it (no decode yet): how capture-file
     * readers outside this package make one before handing it to {@link SummaryDecoder#decode(PacketSummary)}.
     */
    public static PacketSummary ofFrame(byte[] frame, int capturedLength, int wireLength, int linkType, int interfaceId,
            long timestampNanos) {
        PacketSummary p = new PacketSummary();
        p.frame = frame;
        p.capturedLength = capturedLength;
        p.wireLength = wireLength;
        p.linkType = linkType;
        p.interfaceId = interfaceId;
        p.timestampNanos = timestampNanos;
        return p;
    }

    public long sequence() { return sequence; }
    /** Assigned by the stream when the packet is published; not for decoders or views. */
    public void setSequence(long sequence) { this.sequence = sequence; }
    /**
     * The packet's number as the analyst sees it (No. in the table, "Frame N" in the details, {@code frame.number} in
     * filters): 1 for the first packet published since the stream was last cleared, so a capture file's packets are
     * numbered 1..N as Wireshark numbers them. {@link #ABSENT} before the packet is published.
     */
    public long number() { return number; }
    /** Assigned by the stream when the packet is published; not for decoders or views. */
    public void setNumber(long number) { this.number = number; }
    public long timestampNanos() { return timestampNanos; }
    public int wireLength() { return wireLength; }
    public int capturedLength() { return capturedLength; }
    public int linkType() { return linkType; }
    /** The captured bytes, by reference: never modify them. */
    public byte[] frame() { return frame; }
    public int flags() { return flags; }
    public boolean hasFlag(int flag) { return (flags & flag) != 0; }
    public int interfaceId() { return interfaceId; }

    public long srcMac() { return srcMac; }
    public long dstMac() { return dstMac; }
    public int vlanId() { return vlanId; }
    public int innerVlanId() { return innerVlanId; }
    public int etherType() { return etherType; }

    /** 4, 6 or 0 when the packet carries no IP header. */
    public int ipVersion() { return ipVersion; }
    public int srcIp4() { return srcIp4; }
    public int dstIp4() { return dstIp4; }
    public long srcIp6Hi() { return srcIp6Hi; }
    public long srcIp6Lo() { return srcIp6Lo; }
    public long dstIp6Hi() { return dstIp6Hi; }
    public long dstIp6Lo() { return dstIp6Lo; }
    public int ipProtocol() { return ipProtocol; }
    public int ttl() { return ttl; }
    public int ipIdentification() { return ipIdentification; }
    public int fragmentOffset() { return fragmentOffset; }

    public int srcPort() { return srcPort; }
    public int dstPort() { return dstPort; }
    public int tcpFlags() { return tcpFlags; }
    public long tcpSeq() { return tcpSeq; }
    public long tcpAck() { return tcpAck; }
    public int tcpWindow() { return tcpWindow; }
    public int icmpType() { return icmpType; }
    public int icmpCode() { return icmpCode; }
    /** Where the transport header starts in {@link #frame()} (to read what the summary leaves out, like TCP options). */
    public int transportOffset() { return transportOffset; }
    public int payloadOffset() { return payloadOffset; }
    /** Captured payload bytes: {@code frame[payloadOffset, payloadOffset + payloadLength)} is always inside the frame. */
    public int payloadLength() { return payloadLength; }
    /** Payload length as the IP/TCP/UDP headers declare it (what Wireshark shows as Len=), even if not all captured. */
    public int payloadWireLength() { return payloadWireLength; }

    public int arpOpcode() { return arpOpcode; }
    public long arpSenderMac() { return arpSenderMac; }
    public int arpSenderIp() { return arpSenderIp; }
    public long arpTargetMac() { return arpTargetMac; }
    public int arpTargetIp() { return arpTargetIp; }

    public int dnsId() { return dnsId; }
    public int dnsFlags() { return dnsFlags; }
    public boolean isDnsResponse() { return dnsFlags != ABSENT && (dnsFlags & 0x8000) != 0; }
    public int dnsQuestionCount() { return dnsQuestionCount; }
    public int dnsAnswerCount() { return dnsAnswerCount; }
    public String dnsQueryName() { return dnsQueryName; }
    public int dnsQueryType() { return dnsQueryType; }

    public Protocol protocol() { return protocol; }

    // --- text, made on demand for views (never on the hot path)

    /** Source as Wireshark's Source column shows it without name resolution: IP address, else MAC, else "". */
    public String source() { return PacketText.source(this); }
    /** Destination as Wireshark's Destination column shows it without name resolution. */
    public String destination() { return PacketText.destination(this); }
    /** A one-line description like Wireshark's Info column. */
    public String info() { return PacketText.info(this); }
    /** The Community ID v1 of this packet's flow with seed 0, or {@code null} when the packet has no IP header. */
    public String communityId() { return CommunityId.of(this, 0); }

    /**
     * Puts every field the summary decoder fills back to "absent", so that one summary object can be decoded into
     * again (the decoder calls this first). Frame, lengths, link type, timestamp, interface and sequence are kept.
     */
    void clearDecoded() {
        flags = 0;
        srcMac = ABSENT;
        dstMac = ABSENT;
        vlanId = ABSENT;
        innerVlanId = ABSENT;
        etherType = ABSENT;
        ipVersion = 0;
        srcIp4 = 0;
        dstIp4 = 0;
        srcIp6Hi = 0;
        srcIp6Lo = 0;
        dstIp6Hi = 0;
        dstIp6Lo = 0;
        ipProtocol = ABSENT;
        ttl = ABSENT;
        ipIdentification = ABSENT;
        fragmentOffset = ABSENT;
        srcPort = ABSENT;
        dstPort = ABSENT;
        tcpFlags = ABSENT;
        tcpSeq = ABSENT;
        tcpAck = ABSENT;
        tcpWindow = ABSENT;
        icmpType = ABSENT;
        icmpCode = ABSENT;
        transportOffset = ABSENT;
        payloadOffset = ABSENT;
        payloadLength = ABSENT;
        payloadWireLength = ABSENT;
        arpOpcode = ABSENT;
        arpSenderMac = ABSENT;
        arpSenderIp = 0;
        arpTargetMac = ABSENT;
        arpTargetIp = 0;
        dnsId = ABSENT;
        dnsFlags = ABSENT;
        dnsQuestionCount = ABSENT;
        dnsAnswerCount = ABSENT;
        dnsQueryName = null;
        dnsQueryType = ABSENT;
        protocol = Protocol.UNKNOWN;
    }
}
