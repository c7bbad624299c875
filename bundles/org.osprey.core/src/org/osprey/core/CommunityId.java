package org.osprey.core;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Community ID v1 flow hashes (corelight/community-id-spec), the flow identifier Zeek, Suricata, Wireshark and
 * Elastic share: "1:" + base64(SHA-1(seed . addr1 . addr2 . proto . 0 . port1 . port2)), all in network byte order,
 * with the endpoints ordered so that both directions of a flow give the same ID.
 * <p>
 * ICMP and ICMPv6 have no ports: the type stands in for the source port and, for request/reply pairs, the type of
 * the counterpart message for the destination port (so a request and its reply share an ID); any other type is
 * one-way and uses its code, without reordering. Protocols other than TCP, UDP, SCTP and the ICMPs hash the
 * addresses and protocol only.
 */
public final class CommunityId {

    private CommunityId() {
    }

    /**
     * The Community ID of the packet's flow, or {@code null} when it has none: no IP header, or a TCP/UDP/SCTP/ICMP
     * packet whose ports (type) were not captured or are in another fragment.
     *
     * @param seed 0 to 65535; both ends of a comparison must use the same seed (0 is what everyone uses by default)
     */
    public static String of(PacketSummary p, int seed) {
        int proto = p.ipProtocol();
        if (p.ipVersion() != 4 && p.ipVersion() != 6 || proto < 0) {
            return null;
        }
        boolean hasPorts;
        int srcPort = 0, dstPort = 0;
        boolean oneWay = false;
        switch (proto) {
            case SummaryDecoder.IPPROTO_TCP, SummaryDecoder.IPPROTO_UDP, SummaryDecoder.IPPROTO_SCTP -> {
                if (p.srcPort() < 0 || p.dstPort() < 0) {
                    return null;
                }
                hasPorts = true;
                srcPort = p.srcPort();
                dstPort = p.dstPort();
            }
            case SummaryDecoder.IPPROTO_ICMP, SummaryDecoder.IPPROTO_ICMPV6 -> {
                if (p.icmpType() < 0) {
                    return null;
                }
                hasPorts = true;
                srcPort = p.icmpType();
                int counterpart = proto == SummaryDecoder.IPPROTO_ICMP ? icmp4Counterpart(srcPort)
                        : icmp6Counterpart(srcPort);
                oneWay = counterpart < 0;
                dstPort = oneWay ? p.icmpCode() : counterpart;
                if (dstPort < 0) {
                    return null; // a one-way message whose code was not captured
                }
            }
            default -> hasPorts = false;
        }

        ByteBuffer input = ByteBuffer.allocate(2 + 32 + 2 + 4);
        input.putShort((short) seed);
        int order = compareAddresses(p);
        boolean keep = oneWay || order < 0 || (order == 0 && (!hasPorts || srcPort <= dstPort));
        if (keep) {
            putAddress(input, p, true);
            putAddress(input, p, false);
        } else {
            putAddress(input, p, false);
            putAddress(input, p, true);
        }
        input.put((byte) proto).put((byte) 0);
        if (hasPorts) {
            input.putShort((short) (keep ? srcPort : dstPort)).putShort((short) (keep ? dstPort : srcPort));
        }
        return "1:" + Base64.getEncoder().encodeToString(sha1(input.array(), input.position()));
    }

    /** The reply type for a request type and back (Zeek's ICMP4_counterpart), or -1 for a one-way message. */
    static int icmp4Counterpart(int type) {
        return switch (type) {
            case 8 -> 0; // echo request, reply
            case 0 -> 8;
            case 13 -> 14; // timestamp
            case 14 -> 13;
            case 15 -> 16; // information
            case 16 -> 15;
            case 10 -> 9; // router solicitation, advertisement
            case 9 -> 10;
            case 17 -> 18; // address mask
            case 18 -> 17;
            default -> -1;
        };
    }

    /** As {@link #icmp4Counterpart} for ICMPv6. */
    static int icmp6Counterpart(int type) {
        return switch (type) {
            case 128 -> 129; // echo request, reply
            case 129 -> 128;
            case 130 -> 131; // multicast listener query, report
            case 131 -> 130;
            case 133 -> 134; // router solicitation, advertisement
            case 134 -> 133;
            case 135 -> 136; // neighbour solicitation, advertisement
            case 136 -> 135;
            case 139 -> 140; // node information ("who are you") query, reply
            case 140 -> 139;
            case 144 -> 145; // home agent address discovery request, reply
            case 145 -> 144;
            default -> -1;
        };
    }

    /** Source address against destination address, as unsigned big-endian numbers. */
    private static int compareAddresses(PacketSummary p) {
        if (p.ipVersion() == 4) {
            return Integer.compareUnsigned(p.srcIp4(), p.dstIp4());
        }
        int hi = Long.compareUnsigned(p.srcIp6Hi(), p.dstIp6Hi());
        return hi != 0 ? hi : Long.compareUnsigned(p.srcIp6Lo(), p.dstIp6Lo());
    }

    private static void putAddress(ByteBuffer input, PacketSummary p, boolean source) {
        if (p.ipVersion() == 4) {
            input.putInt(source ? p.srcIp4() : p.dstIp4());
        } else {
            input.putLong(source ? p.srcIp6Hi() : p.dstIp6Hi()).putLong(source ? p.srcIp6Lo() : p.dstIp6Lo());
        }
    }

    private static byte[] sha1(byte[] input, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            digest.update(input, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-1", e);
        }
    }
}
