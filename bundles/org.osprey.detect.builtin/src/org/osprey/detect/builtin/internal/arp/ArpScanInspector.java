package org.osprey.detect.builtin.internal.arp;

import org.osprey.core.Addresses;
import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorSettings;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.Severity;
import org.osprey.detect.builtin.internal.Durations;
import org.osprey.detect.builtin.internal.HostIds;
import org.osprey.detect.builtin.internal.Periodic;
import org.osprey.detect.builtin.internal.SweepCounter;

/** The ARP-scan state of one run: a {@link SweepCounter} of addresses asked for per sender MAC and family. */
final class ArpScanInspector implements PacketInspector {

    static final int STATION_CAPACITY = 4096;
    static final int PAIR_CAPACITY = 1 << 14;
    private static final long BROADCAST_MAC = 0xffff_ffff_ffffL;
    private static final long EXPIRY_INTERVAL = 10_000_000_000L;

    private final DetectorContext context;
    private final SweepCounter sweeps = new SweepCounter(STATION_CAPACITY, PAIR_CAPACITY);
    private final Periodic expiry = new Periodic(EXPIRY_INTERVAL);

    ArpScanInspector(DetectorContext context) {
        this.context = context;
    }

    @Override
    public void inspect(PacketSummary packet) {
        if (packet.ipVersion() == 6) {
            neighbourSolicitation(packet);
            return;
        }
        long senderMac = packet.arpSenderMac();
        if (senderMac == PacketSummary.ABSENT || packet.dstMac() != BROADCAST_MAC
                || packet.arpSenderIp() == packet.arpTargetIp()) {
            return; // not Ethernet/IPv4 ARP, a unicast refresh, or gratuitous ARP
        }
        count(senderMac, HostIds.ip4(packet.arpTargetIp()), packet);
    }

    /** IPv6's ARP: a neighbour solicitation (RFC 4861) asks for the address after the 8-byte ICMPv6 header. */
    private void neighbourSolicitation(PacketSummary packet) {
        boolean duplicateAddressDetection = packet.srcIp6Hi() == 0 && packet.srcIp6Lo() == 0; // from ::
        if (packet.srcMac() == PacketSummary.ABSENT || packet.payloadLength() < 16 || duplicateAddressDetection) {
            return;
        }
        // keyed apart from the station's ARP requests (MACs use 48 bits), so each family names its own network
        count(packet.srcMac() | HostIds.FREE_BIT, HostIds.ip6At(packet.frame(), packet.payloadOffset()), packet);
    }

    private void count(long station, long target, PacketSummary packet) {
        DetectorSettings settings = context.settings();
        int entry = sweeps.count(station, target, packet.sequence(), packet.timestampNanos(),
                settings.nanos(ArpScanDetector.WINDOW), settings.intValue(ArpScanDetector.ADDRESSES));
        if (entry >= 0) {
            raise(entry, packet, settings);
        }
    }

    @Override
    public void timeAdvanced(long packetTimeNanos) {
        if (expiry.due(packetTimeNanos)) {
            sweeps.expire(packetTimeNanos, context.settings().nanos(ArpScanDetector.WINDOW));
        }
    }

    private void raise(int entry, PacketSummary packet, DetectorSettings settings) {
        boolean ipv6 = packet.ipVersion() == 6;
        String mac = Addresses.mac(ipv6 ? packet.srcMac() : packet.arpSenderMac());
        // the station is named by its IP address when it gives one (an RFC 5227 probe gives 0.0.0.0)
        String station = ipv6 ? packet.source()
                : packet.arpSenderIp() != 0 ? Addresses.ip4(packet.arpSenderIp()) : mac;
        String network = ipv6 ? HostIds.ip6Network(HostIds.ip6HighAt(packet.frame(), packet.payloadOffset()))
                : sweeps.ip4Network(entry);
        int addresses = sweeps.targets(entry);
        Alert.Builder alert = Alert.builder(ArpScanDetector.ID, ArpScanDetector.SIG_ARP_SCAN, "ARP scan")
                .severity(Severity.LOW).category("Detection of a Network Scan").mitreTechnique("T1018")
                .source(station, Alert.NO_PORT).destination(network, Alert.NO_PORT).transport(ipv6 ? "ICMPv6" : "ARP")
                .message(station + " (" + mac + ") asked for " + addresses + " addresses of " + network + " in "
                        + Durations.of(packet.timestampNanos() - sweeps.windowStart(entry))
                        + (ipv6 ? " (ICMPv6 neighbour solicitations)" : " (broadcast ARP who-has)"))
                .evidence("sender MAC", mac)
                .evidence("distinct addresses", Integer.toString(addresses))
                .evidence("threshold", settings.intValue(ArpScanDetector.ADDRESSES) + " addresses within "
                        + Durations.seconds(settings.value(ArpScanDetector.WINDOW)) + " s");
        sweeps.addPackets(entry, alert, packet);
        context.alerts().raise(alert.build());
    }
}
