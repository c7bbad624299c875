package org.osprey.detect.builtin.internal.arp;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osprey.detect.Detector;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorParameter;
import org.osprey.detect.PacketInspector;

/**
 * ARP spoofing (cache poisoning, as arpspoof, ettercap and bettercap do it to sit between hosts): the IPv4 addresses
 * each MAC claims in ARP sender fields, requests and replies alike (receivers update their caches from both), are
 * tracked over a window of packet time. Three signatures:
 * <ol>
 * <li>one MAC claims several IPv4 addresses (the attacker answering for the victims it sits between);</li>
 * <li>an address claimed by one MAC is claimed by another within the window (arpwatch's "changed ethernet
 * address" and "flip flop");</li>
 * <li>the ARP sender MAC differs from the frame's Ethernet source (Snort's arpspoof preprocessor, "Ethernet/ARP
 * mismatch"), MEDIUM since some bridges and proxies do it too.</li>
 * </ol>
 * Severity HIGH for the first two: traffic of the claimed addresses is being redirected now. MITRE ATT&amp;CK
 * T1557.002 (Adversary-in-the-Middle: ARP Cache Poisoning). Routers doing proxy ARP and hosts with several addresses
 * on one interface claim several addresses legitimately: raise the threshold where they are.
 */
@Component(service = Detector.class)
public final class ArpSpoofDetector implements Detector {

    public static final String ID = "osprey.arpspoof";
    public static final int SIG_SEVERAL_ADDRESSES = 1;
    public static final int SIG_ADDRESS_MOVED = 2;
    public static final int SIG_ETHERNET_MISMATCH = 3;

    static final String ADDRESSES = "addresses";
    static final String WINDOW = "window.seconds";

    private static final List<DetectorParameter> PARAMETERS = List.of(
            DetectorParameter.count(ADDRESSES, "IPv4 addresses claimed by one MAC", 2, 2,
                    ArpSpoofInspector.CLAIMS_PER_MAC,
                    "Distinct IPv4 addresses one MAC claims within the window that raise the alert. 2: an"
                            + " interface normally has one address, and a MITM claims at least the two hosts it"
                            + " sits between (arpwatch likewise reports every second address of a station)."),
            DetectorParameter.seconds(WINDOW, "Window (s)", 300, 1, 86_400,
                    "Packet time over which claims are remembered. Poisoning tools repeat their claims every few"
                            + " seconds (arpspoof every 2 s, ettercap every 10 s); 300 s is longer than Linux"
                            + " and Windows keep a neighbour entry without confirmation."));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "ARP spoofing";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "A MAC claiming other hosts' IPv4 addresses in ARP (cache poisoning to intercept their traffic): one MAC"
                + " with several addresses, an address moving to another MAC, or an ARP sender that is not the frame's"
                + " sender.";
    }

    @Override
    public String filter() {
        return "arp";
    }

    @Override
    public List<DetectorParameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public PacketInspector start(DetectorContext context) {
        return new ArpSpoofInspector(context);
    }
}
