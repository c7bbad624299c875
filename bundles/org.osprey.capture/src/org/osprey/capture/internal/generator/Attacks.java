package org.osprey.capture.internal.generator;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

import org.osprey.capture.AttackKind;
import org.osprey.capture.internal.generator.TcpConversation.Exchange;

/** Makes the scenario of each {@link AttackKind}. Sizes are chosen to be plainly visible to a detector. */
final class Attacks {

    static final int SYN_FLOOD_PACKETS = 3000;
    static final int DNS_TUNNEL_QUERIES = 120;
    static final int FTP_BRUTE_FORCE_CONNECTIONS = 12;
    static final int FTP_ATTEMPTS_PER_CONNECTION = 3;
    static final int SSH_BRUTE_FORCE_CONNECTIONS = 20;
    static final int ARP_SPOOF_REPLIES = 12;
    static final String TUNNEL_DOMAIN = "t.exfil-demo.net";

    private static final String[] PASSWORDS = { "123456", "password", "admin", "qwerty", "letmein", "welcome",
            "monkey", "dragon", "master", "abc123", "111111", "iloveyou", "sunshine", "princess", "football",
            "shadow", "superman", "trustno1", "passw0rd", "changeme", "root", "toor", "secret", "default" };
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final byte[] NO_BYTES = {};

    private Attacks() {
    }

    static Scenario create(AttackKind kind, Network net, SplittableRandom random) {
        return switch (kind) {
            case SYN_SCAN, CONNECT_SCAN, FIN_SCAN, NULL_SCAN, XMAS_SCAN, ACK_SCAN, UDP_SCAN ->
                new PortScan(kind, net, random);
            case SYN_FLOOD -> synFlood(net, random);
            case PING_SWEEP -> pingSweep(net, random);
            case DNS_TUNNEL -> dnsTunnel(net, random);
            case FTP_BRUTE_FORCE -> sequence(FTP_BRUTE_FORCE_CONNECTIONS, i -> ftpBruteForce(net, random, i));
            case SSH_BRUTE_FORCE -> sequence(SSH_BRUTE_FORCE_CONNECTIONS, i -> sshBruteForce(net, random));
            case ARP_SPOOFING -> arpSpoofing(net, random);
            case FTP_CREDENTIALS -> ftpLogin(net, random);
            case HTTP_BASIC_CREDENTIALS -> httpBasic(net, random);
            case TELNET_CREDENTIALS -> telnetLogin(net, random);
        };
    }

    /** SYNs from spoofed Internet sources to the intranet web server; it answers some before its backlog fills. */
    private static Scenario synFlood(Network net, SplittableRandom random) {
        Host victim = net.server;
        long routerMac = net.router.mac();
        return new Scenario() {
            private int sent;
            private byte[] answer;

            @Override
            byte[] next() {
                if (answer != null) {
                    byte[] f = answer;
                    answer = null;
                    return f;
                }
                if (sent++ == SYN_FLOOD_PACKETS) {
                    return null;
                }
                int source = Network.publicIp(random);
                int port = random.nextInt(1024, 65_536);
                long seq = random.nextLong(1L << 32);
                byte[] syn = Frames.seal(Frames.tcp(routerMac, source, victim.mac(), victim.ip(), random.nextInt(65_536),
                        random.nextInt(40, 250), port, 80, seq, 0, Tcp.SYN, 512, false, 0));
                if (sent % 8 == 1) {
                    answer = Frames.seal(Frames.tcp(victim.mac(), victim.ip(), routerMac, source, 0, 64, 80, port,
                            random.nextLong(1L << 32), (seq + 1) & 0xffff_ffffL, Tcp.SYN | Tcp.ACK, 65_160, true, 0));
                }
                return syn;
            }
        };
    }

    /** Echo requests from the insider to every address of the LAN; hosts that exist reply. */
    private static Scenario pingSweep(Network net, SplittableRandom random) {
        Host scanner = net.insider;
        int identifier = random.nextInt(65_536);
        return new Scenario() {
            private int octet = 1;
            private byte[] reply;

            @Override
            byte[] next() {
                if (reply != null) {
                    byte[] f = reply;
                    reply = null;
                    return f;
                }
                if (octet == 255) {
                    return null;
                }
                int target = Network.LAN_PREFIX | octet;
                int sequence = octet++;
                Host host = net.lanHost(target);
                long targetMac = host != null ? host.mac() : Frames.BROADCAST_MAC;
                byte[] request = Frames.icmp(scanner.mac(), scanner.ip(), targetMac, target, random.nextInt(65_536),
                        44, 8, 0, identifier << 16 | sequence, 0);
                if (host != null && host != scanner) {
                    reply = Frames.seal(Frames.icmp(host.mac(), target, scanner.mac(), scanner.ip(),
                            random.nextInt(65_536), 64, 0, 0, identifier << 16 | sequence, 0));
                }
                return Frames.seal(request);
            }
        };
    }

    /**
     * A DNS tunnel: a workstation sends TXT queries whose labels carry base32-encoded data under one domain, and
     * the "resolver" answers with encoded TXT records.
     */
    private static Scenario dnsTunnel(Network net, SplittableRandom random) {
        Host client = net.workstation(random);
        Host resolver = net.router;
        int port = Network.ephemeralPort(random);
        StringBuilder name = new StringBuilder(128);
        return new Scenario() {
            private int query;
            private int id;
            private boolean answerDue;

            @Override
            byte[] next() {
                if (answerDue) {
                    answerDue = false;
                    int txt = random.nextInt(100, 220);
                    byte[] f = Frames.udp(resolver.mac(), resolver.ip(), client.mac(), client.ip(),
                            random.nextInt(65_536), 64, 53, port, Dns.messageLength(name, txt + 1));
                    int at = Dns.write(f, Frames.L4_OFFSET + Frames.UDP_HEADER, id, true, name, Dns.TYPE_TXT,
                            txt + 1, 0);
                    f[at++] = (byte) txt;
                    for (int i = 0; i < txt; i++) {
                        f[at + i] = (byte) BASE32[random.nextInt(32)];
                    }
                    return Frames.seal(f);
                }
                if (query++ == DNS_TUNNEL_QUERIES) {
                    return null;
                }
                name.setLength(0);
                appendLabel(name, 63);
                name.append('.');
                appendLabel(name, random.nextInt(20, 50));
                name.append('.').append(TUNNEL_DOMAIN);
                id = random.nextInt(65_536);
                answerDue = true;
                byte[] f = Frames.udp(client.mac(), client.ip(), resolver.mac(), resolver.ip(), random.nextInt(65_536),
                        64, port, 53, Dns.messageLength(name, 0));
                Dns.write(f, Frames.L4_OFFSET + Frames.UDP_HEADER, id, false, name, Dns.TYPE_TXT, 0, 0);
                return Frames.seal(f);
            }

            private void appendLabel(StringBuilder text, int length) {
                for (int i = 0; i < length; i++) {
                    text.append(BASE32[random.nextInt(32)]);
                }
            }
        };
    }

    /**
     * ARP spoofing: a workstation resolves the router and gets the true answer; then the insider keeps telling it
     * that the router's address is at the insider's MAC (and the router that the workstation's is), so two MACs
     * claim the router's IP.
     */
    private static Scenario arpSpoofing(Network net, SplittableRandom random) {
        Host victim = net.workstation(random);
        Host router = net.router;
        Host attacker = net.insider;
        return new Scenario() {
            private int step;

            @Override
            byte[] next() {
                int s = step++;
                if (s == 0) {
                    return Frames.arp(victim.mac(), Frames.BROADCAST_MAC, 1, victim.mac(), victim.ip(), 0, router.ip());
                }
                if (s == 1) {
                    return Frames.arp(router.mac(), victim.mac(), 2, router.mac(), router.ip(), victim.mac(), victim.ip());
                }
                if (s - 2 >= ARP_SPOOF_REPLIES) {
                    return null;
                }
                return (s & 1) == 0
                        ? Frames.arp(attacker.mac(), victim.mac(), 2, attacker.mac(), router.ip(), victim.mac(), victim.ip())
                        : Frames.arp(attacker.mac(), router.mac(), 2, attacker.mac(), victim.ip(), router.mac(), router.ip());
            }
        };
    }

    /** One FTP connection from an Internet host trying a few passwords for "admin", each refused. */
    private static Scenario ftpBruteForce(Network net, SplittableRandom random, int connection) {
        Flow flow = new Flow(net.outsider, Network.ephemeralPort(random), net.server, 21, random);
        List<Exchange> exchanges = new ArrayList<>();
        exchanges.add(new Exchange(NO_BYTES, 0, Payloads.ascii("220 (vsFTPd 3.0.5)\r\n"), 0, Payloads.TEXT));
        for (int i = 0; i < FTP_ATTEMPTS_PER_CONNECTION; i++) {
            String password = PASSWORDS[(connection * FTP_ATTEMPTS_PER_CONNECTION + i) % PASSWORDS.length];
            exchanges.add(Exchange.text("USER admin\r\n", "331 Please specify the password.\r\n"));
            exchanges.add(Exchange.text("PASS " + password + "\r\n", "530 Login incorrect.\r\n"));
        }
        exchanges.add(Exchange.text("QUIT\r\n", "221 Goodbye.\r\n"));
        return new TcpConversation(flow, exchanges, true);
    }

    /** One SSH connection from an Internet host: key exchange, three refused password attempts, closed by the server. */
    private static Scenario sshBruteForce(Network net, SplittableRandom random) {
        Flow flow = new Flow(net.outsider, Network.ephemeralPort(random), net.server, 22, random);
        List<Exchange> exchanges = Conversations.sshHandshake(random);
        exchanges.add(new Exchange(NO_BYTES, 64, NO_BYTES, 64, Payloads.RANDOM)); // service request / accept
        for (int i = 0; i < 3; i++) {
            exchanges.add(new Exchange(NO_BYTES, random.nextInt(96, 160), NO_BYTES, 48, Payloads.RANDOM));
        }
        return new TcpConversation(flow, exchanges, true);
    }

    /** A successful FTP login in clear text from a workstation. */
    private static Scenario ftpLogin(Network net, SplittableRandom random) {
        Flow flow = new Flow(net.workstation(random), Network.ephemeralPort(random), net.server, 21, random);
        return new TcpConversation(flow, List.of(
                new Exchange(NO_BYTES, 0, Payloads.ascii("220 (vsFTPd 3.0.5)\r\n"), 0, Payloads.TEXT),
                Exchange.text("USER alice\r\n", "331 Please specify the password.\r\n"),
                Exchange.text("PASS Spring2024!\r\n", "230 Login successful.\r\n"),
                Exchange.text("SYST\r\n", "215 UNIX Type: L8\r\n"),
                Exchange.text("PWD\r\n", "257 \"/home/alice\" is the current directory\r\n"),
                Exchange.text("QUIT\r\n", "221 Goodbye.\r\n")), false);
    }

    /** An HTTP request to the intranet's admin page with Basic credentials. */
    private static Scenario httpBasic(Network net, SplittableRandom random) {
        Flow flow = new Flow(net.workstation(random), Network.ephemeralPort(random), net.server, 80, random);
        String credentials = Base64.getEncoder().encodeToString(Payloads.ascii("admin:S3cret-Adm1n"));
        String request = "GET /admin/ HTTP/1.1\r\nHost: intranet.lan\r\nAuthorization: Basic " + credentials
                + "\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n";
        String head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1800\r\n\r\n";
        return new TcpConversation(flow, List.of(new Exchange(Payloads.ascii(request), 0, Payloads.ascii(head),
                head.length() + 1800, Payloads.TEXT)), false);
    }

    /** A Telnet login: the server's prompts, the user name and password typed in clear text, a shell, logout. */
    private static Scenario telnetLogin(Network net, SplittableRandom random) {
        Flow flow = new Flow(net.workstation(random), Network.ephemeralPort(random), net.server, 23, random);
        byte[] negotiation = { (byte) 0xff, (byte) 0xfd, 0x18, (byte) 0xff, (byte) 0xfd, 0x20, (byte) 0xff,
                (byte) 0xfb, 0x01, (byte) 0xff, (byte) 0xfb, 0x03 }; // DO TTYPE, DO TSPEED, WILL ECHO, WILL SGA
        byte[] accept = { (byte) 0xff, (byte) 0xfb, 0x18, (byte) 0xff, (byte) 0xfc, 0x20, (byte) 0xff, (byte) 0xfd,
                0x01, (byte) 0xff, (byte) 0xfd, 0x03 };
        return new TcpConversation(flow, List.of(
                new Exchange(NO_BYTES, 0, negotiation, 0, Payloads.TEXT),
                new Exchange(accept, 0, Payloads.ascii("Ubuntu 22.04.4 LTS\r\nintranet login: "), 0, Payloads.TEXT),
                Exchange.text("bob\r\n", "bob\r\nPassword: "),
                Exchange.text("hunter2\r\n", "\r\nLast login: Mon Nov 30 09:12:44 2026 from 192.168.10.31\r\nbob@intranet:~$ "),
                Exchange.text("id\r\n", "id\r\nuid=1001(bob) gid=1001(bob) groups=1001(bob)\r\nbob@intranet:~$ "),
                Exchange.text("exit\r\n", "exit\r\nlogout\r\n")), true);
    }

    /** Runs {@code count} scenarios one after the other. */
    private static Scenario sequence(int count, IntFunction<Scenario> make) {
        return new Scenario() {
            private int index;
            private Scenario current = make.apply(0);

            @Override
            byte[] next() {
                while (true) {
                    byte[] f = current.next();
                    if (f != null) {
                        return f;
                    }
                    if (++index == count) {
                        return null;
                    }
                    current = make.apply(index);
                }
            }
        };
    }
}
