package org.osprey.detect.builtin.internal.arp;

import org.osprey.core.Addresses;
import org.osprey.core.PacketSummary;
import org.osprey.detect.Alert;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorSettings;
import org.osprey.detect.PacketInspector;
import org.osprey.detect.Severity;
import org.osprey.detect.builtin.internal.Durations;
import org.osprey.detect.builtin.internal.KeyTable;
import org.osprey.detect.builtin.internal.Periodic;

/**
 * The ARP state of one run: which MAC last claimed each IPv4 address, and the addresses each MAC claimed lately
 * (at most {@link #CLAIMS_PER_MAC}; beyond, the oldest claim is forgotten).
 */
final class ArpSpoofInspector implements PacketInspector {

    static final int CLAIMS_PER_MAC = 16;
    static final int ADDRESS_CAPACITY = 8192;
    static final int MAC_CAPACITY = 4096;
    static final int MISMATCH_CAPACITY = 1024;
    private static final long EXPIRY_INTERVAL = 10_000_000_000L;
    /** Suricata's classification of misc-attack; the mismatch alone is bad-unknown. */
    private static final String CATEGORY = "Misc Attack";
    /** 169.254.0.0/16 as its top 16 bits. */
    private static final int LINK_LOCAL = 0xa9fe;

    private final DetectorContext context;
    /** Per IPv4 address: the MAC that claimed it last, and the packet that did. */
    private final KeyTable addresses = new KeyTable(ADDRESS_CAPACITY);
    private final long[] ownerMac = new long[ADDRESS_CAPACITY];
    private final long[] ownerSequence = new long[ADDRESS_CAPACITY];
    /** Per MAC: the addresses it claimed, when last and in which packet first. */
    private final KeyTable macs = new KeyTable(MAC_CAPACITY);
    private final int[] claimedAddress = new int[MAC_CAPACITY * CLAIMS_PER_MAC];
    private final long[] claimedAt = new long[MAC_CAPACITY * CLAIMS_PER_MAC];
    private final long[] claimSequence = new long[MAC_CAPACITY * CLAIMS_PER_MAC];
    private final int[] claimCount = new int[MAC_CAPACITY];
    /** Per MAC: packet time of its last alert for claiming several addresses (one per window). */
    private final long[] severalAlertedAt = new long[MAC_CAPACITY];
    /** Per (Ethernet source, ARP sender MAC): when the mismatch was last reported. */
    private final KeyTable mismatches = new KeyTable(MISMATCH_CAPACITY);
    private final Periodic expiry = new Periodic(EXPIRY_INTERVAL);

    ArpSpoofInspector(DetectorContext context) {
        this.context = context;
    }

    @Override
    public void inspect(PacketSummary packet) {
        long mac = packet.arpSenderMac();
        int address = packet.arpSenderIp();
        if (mac == PacketSummary.ABSENT || address == 0) {
            return; // not Ethernet/IPv4 ARP, or an RFC 5227 probe that claims nothing
        }
        long now = packet.timestampNanos();
        DetectorSettings settings = context.settings();
        long window = settings.nanos(ArpSpoofDetector.WINDOW);
        if (packet.srcMac() != PacketSummary.ABSENT && packet.srcMac() != mac && firstMismatch(packet, now, window)) {
            raiseMismatch(packet);
        }
        if ((address >>> 16) == LINK_LOCAL) {
            return; // RFC 3927: a host holds a link-local address until DHCP answers, then claims its lease too
        }
        checkOwner(packet, mac, address, now, window);
        checkClaims(packet, mac, address, now, window, settings);
    }

    @Override
    public void timeAdvanced(long packetTimeNanos) {
        if (expiry.due(packetTimeNanos)) {
            long cutoff = packetTimeNanos - context.settings().nanos(ArpSpoofDetector.WINDOW);
            addresses.removeTouchedBefore(cutoff);
            macs.removeTouchedBefore(cutoff);
            mismatches.removeTouchedBefore(cutoff);
        }
    }

    /** Signature 2: the address was claimed by another MAC within the window. */
    private void checkOwner(PacketSummary packet, long mac, int address, long now, long window) {
        int entry = addresses.find(address & 0xffff_ffffL, 0);
        if (entry >= 0 && ownerMac[entry] != mac && now - addresses.touched(entry) <= window) {
            String claimant = Addresses.mac(mac);
            String previous = Addresses.mac(ownerMac[entry]);
            String ip = Addresses.ip4(address);
            Alert alert = Alert.builder(ArpSpoofDetector.ID, ArpSpoofDetector.SIG_ADDRESS_MOVED,
                            "ARP spoofing (address moved to another MAC)")
                    .severity(Severity.HIGH).category(CATEGORY).mitreTechnique("T1557.002")
                    .source(claimant, Alert.NO_PORT).destination(ip, Alert.NO_PORT).transport("ARP")
                    .message(claimant + " claims " + ip + ", which " + previous + " claimed "
                            + Durations.of(now - addresses.touched(entry)) + " before (ARP cache poisoning)")
                    .evidence("address", ip)
                    .evidence("new MAC", claimant)
                    .evidence("previous MAC", previous)
                    .evidence("window", Durations.seconds(context.settings().value(ArpSpoofDetector.WINDOW)) + " s")
                    .sequence(ownerSequence[entry]).packet(packet).build();
            context.alerts().raise(alert);
        }
        if (entry < 0 || ownerMac[entry] != mac) {
            entry = addresses.findOrAdd(address & 0xffff_ffffL, 0, now);
            ownerMac[entry] = mac;
            ownerSequence[entry] = packet.sequence();
        } else {
            addresses.touch(entry, now);
        }
    }

    /** Signature 1: a new claim brings the MAC to the threshold of distinct addresses (one alert per window). */
    private void checkClaims(PacketSummary packet, long mac, int address, long now, long window,
            DetectorSettings settings) {
        int entry = macs.findOrAdd(mac, 0, now);
        if (macs.added()) {
            claimCount[entry] = 0;
            severalAlertedAt[entry] = Long.MIN_VALUE;
        }
        int base = entry * CLAIMS_PER_MAC;
        int live = 0;
        int oldest = -1;
        for (int i = 0; i < claimCount[entry]; i++) {
            if (claimedAddress[base + i] == address) {
                claimedAt[base + i] = now;
                return; // a claim it made before
            }
            if (now - claimedAt[base + i] <= window) {
                live++;
            }
            if (oldest < 0 || claimedAt[base + i] < claimedAt[base + oldest]) {
                oldest = i;
            }
        }
        int slot = claimCount[entry] < CLAIMS_PER_MAC ? claimCount[entry]++ : oldest;
        claimedAddress[base + slot] = address;
        claimedAt[base + slot] = now;
        claimSequence[base + slot] = packet.sequence();
        live++;
        boolean alertedLately = severalAlertedAt[entry] != Long.MIN_VALUE && now - severalAlertedAt[entry] <= window;
        if (live >= settings.intValue(ArpSpoofDetector.ADDRESSES) && !alertedLately) {
            severalAlertedAt[entry] = now;
            raiseSeveral(packet, entry, live, now, window, settings);
        }
    }

    private void raiseSeveral(PacketSummary packet, int entry, int live, long now, long window,
            DetectorSettings settings) {
        String claimant = Addresses.mac(packet.arpSenderMac());
        String ip = Addresses.ip4(packet.arpSenderIp());
        StringBuilder claimed = new StringBuilder();
        Alert.Builder alert = Alert.builder(ArpSpoofDetector.ID, ArpSpoofDetector.SIG_SEVERAL_ADDRESSES,
                "ARP spoofing (one MAC claims several addresses)");
        int base = entry * CLAIMS_PER_MAC;
        for (int i = 0; i < claimCount[entry]; i++) {
            if (now - claimedAt[base + i] <= window) {
                claimed.append(claimed.isEmpty() ? "" : ", ").append(Addresses.ip4(claimedAddress[base + i]));
                if (claimSequence[base + i] != packet.sequence()) {
                    alert.sequence(claimSequence[base + i]); // the first claim of each address, then this one
                }
            }
        }
        context.alerts().raise(alert.severity(Severity.HIGH).category(CATEGORY).mitreTechnique("T1557.002")
                .source(claimant, Alert.NO_PORT).destination(ip, Alert.NO_PORT).transport("ARP")
                .message(claimant + " claims " + live + " IPv4 addresses (" + claimed + "): ARP cache poisoning to"
                        + " intercept their traffic")
                .evidence("MAC", claimant)
                .evidence("claimed addresses", claimed.toString())
                .evidence("threshold", settings.intValue(ArpSpoofDetector.ADDRESSES) + " addresses within "
                        + Durations.seconds(settings.value(ArpSpoofDetector.WINDOW)) + " s")
                .packet(packet).build());
    }

    /** Whether this (frame sender, ARP sender) mismatch was not reported within the window: one alert per window. */
    private boolean firstMismatch(PacketSummary packet, long now, long window) {
        int entry = mismatches.find(packet.srcMac(), packet.arpSenderMac());
        if (entry >= 0 && now - mismatches.touched(entry) <= window) {
            return false;
        }
        mismatches.touch(mismatches.findOrAdd(packet.srcMac(), packet.arpSenderMac(), now), now);
        return true;
    }

    /** Signature 3: the ARP sender is not the frame's sender. */
    private void raiseMismatch(PacketSummary packet) {
        String frameSender = Addresses.mac(packet.srcMac());
        String arpSender = Addresses.mac(packet.arpSenderMac());
        String ip = Addresses.ip4(packet.arpSenderIp());
        context.alerts().raise(Alert.builder(ArpSpoofDetector.ID, ArpSpoofDetector.SIG_ETHERNET_MISMATCH,
                        "ARP sender differs from Ethernet source")
                .severity(Severity.MEDIUM).category("Potentially Bad Traffic").mitreTechnique("T1557.002")
                .source(frameSender, Alert.NO_PORT).destination(ip, Alert.NO_PORT).transport("ARP")
                .message(frameSender + " sent an ARP " + (packet.arpOpcode() == 2 ? "reply" : "request")
                        + " saying " + ip + " is at " + arpSender + ", another MAC")
                .evidence("Ethernet source", frameSender)
                .evidence("ARP sender MAC", arpSender)
                .evidence("ARP sender address", ip)
                .packet(packet).build());
    }
}
