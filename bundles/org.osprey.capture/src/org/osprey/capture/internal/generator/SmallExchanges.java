package org.osprey.capture.internal.generator;

import java.util.SplittableRandom;

/** The short benign exchanges: a DNS lookup, an NTP poll, an ARP resolution. Two frames each. */
final class SmallExchanges {

    private SmallExchanges() {
    }

    /** A query for a web site's A or AAAA record and the resolver's answer. */
    static Scenario dnsLookup(Network net, SplittableRandom random) {
        return dnsLookup(net, random, net.workstation(random), net.site(random));
    }

    /** {@code client} looks up {@code site}'s name. */
    static Scenario dnsLookup(Network net, SplittableRandom random, Host client, Host site) {
        boolean ipv6 = random.nextInt(4) == 0;
        int type = ipv6 ? Dns.TYPE_AAAA : Dns.TYPE_A;
        int id = random.nextInt(65_536);
        int port = Network.ephemeralPort(random);
        int ipId = random.nextInt(65_536);
        return new Scenario() {
            private int step;

            @Override
            byte[] next() {
                switch (step++) {
                    case 0 -> {
                        byte[] f = Frames.udp(client.mac(), client.ip(), net.router.mac(), net.router.ip(), ipId, 64,
                                port, 53, Dns.messageLength(site.name(), 0));
                        Dns.write(f, Frames.L4_OFFSET + Frames.UDP_HEADER, id, false, site.name(), type, 0, 0);
                        return Frames.seal(f);
                    }
                    case 1 -> {
                        int rdata = ipv6 ? 16 : 4;
                        byte[] f = Frames.udp(net.router.mac(), net.router.ip(), client.mac(), client.ip(), ipId ^ 0x5a5a,
                                64, 53, port, Dns.messageLength(site.name(), rdata));
                        int at = Dns.write(f, Frames.L4_OFFSET + Frames.UDP_HEADER, id, true, site.name(), type,
                                rdata, 300);
                        if (ipv6) {
                            Frames.u32(f, at, 0x2001_0db8L);
                            Frames.u32(f, at + 12, site.ip() & 0xffff_ffffL);
                        } else {
                            Frames.u32(f, at, site.ip() & 0xffff_ffffL);
                        }
                        return Frames.seal(f);
                    }
                    default -> {
                        return null;
                    }
                }
            }
        };
    }

    /** An NTPv4 client request (mode 3) and the server's reply (mode 4, stratum 2). */
    static Scenario ntpPoll(Network net, SplittableRandom random) {
        Host client = net.workstation(random);
        Host server = net.timeServers[random.nextInt(net.timeServers.length)];
        int port = Network.ephemeralPort(random);
        long transmit = random.nextLong();
        return new Scenario() {
            private int step;

            @Override
            byte[] next() {
                boolean request = step == 0;
                if (step++ > 1) {
                    return null;
                }
                byte[] f = request
                        ? Frames.udp(client.mac(), client.ip(), net.router.mac(), server.ip(), 0, 64, port, 123, 48)
                        : Frames.udp(net.router.mac(), server.ip(), client.mac(), client.ip(), 0, 55, 123, port, 48);
                int p = Frames.L4_OFFSET + Frames.UDP_HEADER;
                f[p] = (byte) (request ? 0x23 : 0x24); // LI 0, version 4, mode 3 (client) or 4 (server)
                f[p + 1] = (byte) (request ? 0 : 2); // stratum
                f[p + 2] = 6; // poll interval 2^6 s
                f[p + 3] = (byte) 0xe9; // precision
                Frames.u32(f, p + 24 + (request ? 16 : 0), transmit >>> 32); // request: transmit; reply: origin
                Frames.u32(f, p + 28 + (request ? 16 : 0), transmit & 0xffff_ffffL);
                if (!request) {
                    Frames.u32(f, p + 12, 0x0a0b0c0dL); // reference id
                    Frames.u32(f, p + 32, (transmit >>> 32) + 1); // receive
                    Frames.u32(f, p + 40, (transmit >>> 32) + 1); // transmit
                }
                return Frames.seal(f);
            }
        };
    }

    /** A workstation asks who has the router's (or another workstation's) address; the owner answers. */
    static Scenario arpResolution(Network net, SplittableRandom random) {
        Host asker = net.workstation(random);
        Host owner = random.nextInt(3) == 0 ? net.workstation(random) : net.router;
        return new Scenario() {
            private int step;

            @Override
            byte[] next() {
                return switch (step++) {
                    case 0 -> Frames.arp(asker.mac(), Frames.BROADCAST_MAC, 1, asker.mac(), asker.ip(), 0, owner.ip());
                    case 1 -> Frames.arp(owner.mac(), asker.mac(), 2, owner.mac(), owner.ip(), asker.mac(), asker.ip());
                    default -> null;
                };
            }
        };
    }
}
