package org.osprey.capture.internal.generator;

import java.util.SplittableRandom;

/**
 * The simulated site the generator's traffic comes from: a 192.168.10.0/24 LAN behind a router (which is also the
 * DNS resolver), workstations, one intranet server (FTP, SSH, Telnet, HTTP), and web sites on the Internet with
 * names. Built from the seed, so the same seed gives the same addresses.
 */
final class Network {

    static final int LAN_PREFIX = Host.ip(192, 168, 10, 0);
    /** Workstations are .20 to .20 + WORKSTATIONS - 1. */
    static final int FIRST_WORKSTATION = 20, WORKSTATIONS = 50;

    private static final String[] SITE_PREFIXES = { "www", "api", "cdn", "static", "mail", "login", "img", "news",
            "shop", "docs", "video", "maps" };
    private static final String[] SITE_DOMAINS = { "example.com", "example.net", "example.org", "osprey-demo.net",
            "contoso-cloud.com", "fabrikam-media.net" };
    private static final int[] PUBLIC_FIRST_OCTETS = { 23, 31, 45, 52, 64, 78, 93, 104, 142, 151, 185, 199, 203,
            216 };

    final Host router;
    final Host server;
    final Host[] workstations = new Host[WORKSTATIONS];
    /** Web sites beyond the router (their MAC on this link is the router's). */
    final Host[] sites;
    /** Public NTP servers. */
    final Host[] timeServers;
    /** A LAN host that turns hostile when an attack needs an inside attacker. */
    final Host insider;
    /** An Internet host that attacks from outside. */
    final Host outsider;

    Network(SplittableRandom random) {
        router = new Host(LAN_PREFIX | 1, 0x00_50_56_c0_00_01L, "gateway.lan");
        server = new Host(LAN_PREFIX | 5, lanMac(5), "intranet.lan");
        for (int i = 0; i < WORKSTATIONS; i++) {
            int octet = FIRST_WORKSTATION + i;
            workstations[i] = new Host(LAN_PREFIX | octet, lanMac(octet), "ws" + octet + ".lan");
        }
        sites = new Host[SITE_PREFIXES.length * 4];
        for (int i = 0; i < sites.length; i++) {
            String name = SITE_PREFIXES[i % SITE_PREFIXES.length] + "."
                    + SITE_DOMAINS[random.nextInt(SITE_DOMAINS.length)];
            sites[i] = new Host(publicIp(random), router.mac(), name);
        }
        timeServers = new Host[4];
        for (int i = 0; i < timeServers.length; i++) {
            timeServers[i] = new Host(publicIp(random), router.mac(), i + ".pool.ntp.example.org");
        }
        insider = new Host(LAN_PREFIX | 99, 0x02_1c_42_6e_99_01L, "ws99.lan");
        outsider = new Host(publicIp(random), router.mac(), null);
    }

    /** Locally administered MACs derived from the last octet, like container networks make them. */
    static long lanMac(int octet) {
        return 0x02_42_c0_a8_0a_00L | octet;
    }

    static int publicIp(SplittableRandom random) {
        return PUBLIC_FIRST_OCTETS[random.nextInt(PUBLIC_FIRST_OCTETS.length)] << 24 | random.nextInt(1, 255) << 16
                | random.nextInt(256) << 8 | random.nextInt(1, 255);
    }

    Host workstation(SplittableRandom random) {
        return workstations[random.nextInt(workstations.length)];
    }

    Host site(SplittableRandom random) {
        return sites[random.nextInt(sites.length)];
    }

    /** The host with this LAN address, or null when none lives there. */
    Host lanHost(int ip) {
        if (ip == router.ip()) {
            return router;
        }
        if (ip == server.ip()) {
            return server;
        }
        if (ip == insider.ip()) {
            return insider;
        }
        int octet = (ip & 0xff) - FIRST_WORKSTATION;
        return (ip & 0xffff_ff00) == LAN_PREFIX && octet >= 0 && octet < WORKSTATIONS ? workstations[octet] : null;
    }

    static int ephemeralPort(SplittableRandom random) {
        return random.nextInt(32_768, 61_000);
    }
}
