package org.osprey.core.detail;

import java.util.ArrayList;
import java.util.List;

import org.osprey.core.Addresses;
import org.osprey.core.PacketSummary;
import org.osprey.core.PacketText;
import org.osprey.core.Protocol;

/**
 * Protocol layers described from the summary decoder's fields: the fallback when pcap4j cannot decode a frame. Only
 * the payload's position is known exactly, so the other layers cover no particular bytes.
 */
final class SummaryLayers {

    private static final int ABSENT = PacketSummary.ABSENT;

    private SummaryLayers() {
    }

    static List<DetailNode> decode(PacketSummary p) {
        List<DetailNode> nodes = new ArrayList<>();
        link(p, nodes);
        if (p.arpOpcode() != ABSENT) {
            nodes.add(arp(p));
        }
        if (p.ipVersion() == 4 || p.ipVersion() == 6) {
            nodes.add(ip(p));
        }
        DetailNode transport = transport(p);
        if (transport != null) {
            nodes.add(transport);
        }
        if (p.dnsId() != ABSENT) {
            nodes.add(dns(p));
        }
        if (p.payloadLength() != 0) {
            nodes.add(data(p));
        }
        if (p.hasFlag(PacketSummary.FLAG_MALFORMED)) {
            nodes.add(DetailNode.text("[Malformed packet: a header is invalid; decoding stopped there]"));
        }
        if (p.hasFlag(PacketSummary.FLAG_TRUNCATED)) {
            nodes.add(DetailNode.text("[Truncated: the capture ends inside a header]"));
        }
        if (p.hasFlag(PacketSummary.FLAG_UNKNOWN_LINK)) {
            nodes.add(DetailNode.text("[Link type " + p.linkType() + " is not one Osprey decodes]"));
        }
        return nodes;
    }

    private static void link(PacketSummary p, List<DetailNode> nodes) {
        if (p.srcMac() == ABSENT && p.dstMac() == ABSENT && p.etherType() == ABSENT) {
            return;
        }
        List<DetailNode> fields = new ArrayList<>();
        String label = LinkTypes.name(p.linkType());
        if (p.dstMac() != ABSENT) {
            fields.add(DetailNode.text("Destination: " + Addresses.mac(p.dstMac())));
        }
        if (p.srcMac() != ABSENT) {
            fields.add(DetailNode.text("Source: " + Addresses.mac(p.srcMac())));
            label += ", Src: " + Addresses.mac(p.srcMac());
        }
        if (p.dstMac() != ABSENT) {
            label += ", Dst: " + Addresses.mac(p.dstMac());
        }
        if (p.etherType() != ABSENT) {
            fields.add(DetailNode.text(String.format("Type: 0x%04x", p.etherType())));
        }
        nodes.add(new DetailNode(label, -1, 0, fields));
        if (p.vlanId() != ABSENT) {
            nodes.add(DetailNode.text("802.1Q Virtual LAN, ID: " + p.vlanId()));
        }
        if (p.innerVlanId() != ABSENT) {
            nodes.add(DetailNode.text("802.1Q Virtual LAN (inner), ID: " + p.innerVlanId()));
        }
    }

    private static DetailNode arp(PacketSummary p) {
        String kind = switch (p.arpOpcode()) {
            case 1 -> "request";
            case 2 -> "reply";
            default -> "opcode " + p.arpOpcode();
        };
        List<DetailNode> fields = new ArrayList<>();
        fields.add(DetailNode.text("Opcode: " + kind + " (" + p.arpOpcode() + ")"));
        if (p.arpSenderMac() != ABSENT) {
            fields.add(DetailNode.text("Sender MAC address: " + Addresses.mac(p.arpSenderMac())));
        }
        fields.add(DetailNode.text("Sender IP address: " + Addresses.ip4(p.arpSenderIp())));
        if (p.arpTargetMac() != ABSENT) {
            fields.add(DetailNode.text("Target MAC address: " + Addresses.mac(p.arpTargetMac())));
        }
        fields.add(DetailNode.text("Target IP address: " + Addresses.ip4(p.arpTargetIp())));
        return new DetailNode("Address Resolution Protocol (" + kind + ")", -1, 0, fields);
    }

    private static DetailNode ip(PacketSummary p) {
        boolean v4 = p.ipVersion() == 4;
        String src = v4 ? Addresses.ip4(p.srcIp4()) : Addresses.ip6(p.srcIp6Hi(), p.srcIp6Lo());
        String dst = v4 ? Addresses.ip4(p.dstIp4()) : Addresses.ip6(p.dstIp6Hi(), p.dstIp6Lo());
        List<DetailNode> fields = new ArrayList<>();
        fields.add(DetailNode.text("Version: " + p.ipVersion()));
        if (p.ttl() != ABSENT) {
            fields.add(DetailNode.text((v4 ? "Time to Live: " : "Hop Limit: ") + p.ttl()));
        }
        if (p.ipIdentification() != ABSENT) {
            fields.add(DetailNode.text(String.format("Identification: 0x%04x (%d)", p.ipIdentification(),
                    p.ipIdentification())));
        }
        if (p.fragmentOffset() != ABSENT) {
            fields.add(DetailNode.text("Fragment Offset: " + p.fragmentOffset()));
        }
        if (p.ipProtocol() != ABSENT) {
            fields.add(DetailNode.text((v4 ? "Protocol: " : "Next Header: ") + p.ipProtocol()));
        }
        fields.add(DetailNode.text("Source Address: " + src));
        fields.add(DetailNode.text("Destination Address: " + dst));
        return new DetailNode("Internet Protocol Version " + p.ipVersion() + ", Src: " + src + ", Dst: " + dst, -1, 0,
                fields);
    }

    private static DetailNode transport(PacketSummary p) {
        Protocol protocol = p.protocol();
        if (p.tcpFlags() != ABSENT) {
            List<DetailNode> fields = ports(p);
            fields.add(DetailNode.text("Sequence Number (raw): " + p.tcpSeq()));
            fields.add(DetailNode.text("Acknowledgment Number (raw): " + p.tcpAck()));
            fields.add(DetailNode.text(String.format("Flags: 0x%03x (%s)", p.tcpFlags(), tcpFlagNames(p.tcpFlags()))));
            if (p.tcpWindow() != ABSENT) {
                fields.add(DetailNode.text("Window: " + p.tcpWindow()));
            }
            return new DetailNode("Transmission Control Protocol, Src Port: " + p.srcPort() + ", Dst Port: "
                    + p.dstPort() + payloadLength(p), -1, 0, fields);
        }
        if (p.ipProtocol() == 17 && p.srcPort() != ABSENT) {
            return new DetailNode("User Datagram Protocol, Src Port: " + p.srcPort() + ", Dst Port: " + p.dstPort(),
                    -1, 0, ports(p));
        }
        if (p.icmpType() != ABSENT) {
            String name = protocol == Protocol.ICMPV6 ? "Internet Control Message Protocol v6"
                    : "Internet Control Message Protocol";
            return new DetailNode(name, -1, 0, List.of(DetailNode.text("Type: " + p.icmpType()),
                    DetailNode.text("Code: " + p.icmpCode())));
        }
        if (p.srcPort() != ABSENT) {
            return new DetailNode(protocol.label() + ", Src Port: " + p.srcPort() + ", Dst Port: " + p.dstPort(), -1, 0,
                    ports(p));
        }
        return null;
    }

    private static List<DetailNode> ports(PacketSummary p) {
        List<DetailNode> fields = new ArrayList<>();
        fields.add(DetailNode.text("Source Port: " + p.srcPort()));
        fields.add(DetailNode.text("Destination Port: " + p.dstPort()));
        return fields;
    }

    private static String payloadLength(PacketSummary p) {
        return p.payloadWireLength() == ABSENT ? "" : ", Len: " + p.payloadWireLength();
    }

    private static String tcpFlagNames(int flags) {
        String[] names = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "NS"};
        StringBuilder text = new StringBuilder();
        for (int bit = 0; bit < names.length; bit++) {
            if ((flags & (1 << bit)) != 0) {
                text.append(text.isEmpty() ? "" : ", ").append(names[bit]);
            }
        }
        return text.toString();
    }

    private static DetailNode dns(PacketSummary p) {
        List<DetailNode> fields = new ArrayList<>();
        fields.add(DetailNode.text(String.format("Transaction ID: 0x%04x", p.dnsId())));
        fields.add(DetailNode.text(String.format("Flags: 0x%04x", p.dnsFlags())));
        if (p.dnsQuestionCount() != ABSENT) {
            fields.add(DetailNode.text("Questions: " + p.dnsQuestionCount()));
        }
        if (p.dnsAnswerCount() != ABSENT) {
            fields.add(DetailNode.text("Answer RRs: " + p.dnsAnswerCount()));
        }
        if (p.dnsQueryName() != null) {
            String type = p.dnsQueryType() == ABSENT ? "" : " type " + PacketText.dnsType(p.dnsQueryType());
            fields.add(DetailNode.text("Query: " + p.dnsQueryName() + type));
        }
        return new DetailNode("Domain Name System (" + (p.isDnsResponse() ? "response" : "query") + ")", -1, 0, fields);
    }

    /** The bytes the summary decoder did not attribute to a header: the payload, or the whole frame. */
    private static DetailNode data(PacketSummary p) {
        int captured = PacketDetails.capturedLength(p);
        int offset = 0;
        int length = captured;
        if (p.payloadOffset() != ABSENT && p.payloadLength() != ABSENT) {
            offset = Math.min(p.payloadOffset(), captured);
            length = Math.max(0, Math.min(p.payloadLength(), captured - offset));
        }
        return DetailNode.leaf("Data (" + length + " bytes)", offset, length);
    }
}
