package org.osprey.capture.internal.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.osprey.capture.internal.generator.TcpConversation.Exchange;

/** The benign TCP conversations of the mix: web browsing over HTTP and TLS, and SSH sessions. */
final class Conversations {

    private static final String[] PATHS = { "/", "/index.html", "/news/today", "/img/logo.png", "/api/v1/items",
            "/static/app.js", "/css/site.css", "/search?q=osprey", "/docs/guide", "/favicon.ico" };
    private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private static final byte[] NO_BYTES = {};

    private Conversations() {
    }

    /** A browser fetching one to three resources from a web site over one keep-alive connection. */
    static Scenario http(Network net, SplittableRandom random) {
        Host client = net.workstation(random);
        Host site = net.site(random);
        Flow flow = new Flow(client, Network.ephemeralPort(random), site, 80, random);
        List<Exchange> exchanges = new ArrayList<>(3);
        for (int i = random.nextInt(1, 4); i > 0; i--) {
            String request = "GET " + PATHS[random.nextInt(PATHS.length)] + " HTTP/1.1\r\nHost: " + site.name()
                    + "\r\nUser-Agent: " + USER_AGENT + "\r\nAccept: */*\r\nConnection: keep-alive\r\n\r\n";
            int body = random.nextInt(200, 24_000);
            String head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + body
                    + "\r\nServer: nginx\r\n\r\n";
            exchanges.add(new Exchange(Payloads.ascii(request), 0, Payloads.ascii(head), head.length() + body,
                    Payloads.TEXT));
        }
        return resolvedFirst(net, random, client, site, new TcpConversation(flow, exchanges, false));
    }

    /** A TLS 1.3 connection: ClientHello with the site's name (SNI), the server's flight, then application data. */
    static Scenario tls(Network net, SplittableRandom random) {
        Host client = net.workstation(random);
        Host site = net.site(random);
        Flow flow = new Flow(client, Network.ephemeralPort(random), site, 443, random);
        List<Exchange> exchanges = new ArrayList<>(6);
        int serverFlight = random.nextInt(2500, 5000);
        exchanges.add(new Exchange(clientHello(site.name(), random), 0, serverHello(serverFlight, random),
                serverFlight, Payloads.RANDOM));
        exchanges.add(new Exchange(tlsRecordHeader(0x17, 58), 80, NO_BYTES, 0, Payloads.RANDOM)); // client Finished
        for (int i = random.nextInt(1, 5); i > 0; i--) {
            int request = random.nextInt(120, 900);
            int response = random.nextInt(300, 30_000);
            exchanges.add(new Exchange(tlsRecordHeader(0x17, request - 5), request,
                    tlsRecordHeader(0x17, Math.min(response, 16_384) - 5), response, Payloads.RANDOM));
        }
        return resolvedFirst(net, random, client, site, new TcpConversation(flow, exchanges, false));
    }

    /** Most connections to a web site follow a lookup of its name (the rest use a cached answer). */
    private static Scenario resolvedFirst(Network net, SplittableRandom random, Host client, Host site,
            Scenario connection) {
        return random.nextInt(3) == 0 ? connection
                : SmallExchanges.dnsLookup(net, random, client, site).then(connection);
    }

    /** An interactive SSH session to the intranet server: banners, key exchange, then keystrokes and output. */
    static Scenario ssh(Network net, SplittableRandom random) {
        Host client = net.workstation(random);
        Flow flow = new Flow(client, Network.ephemeralPort(random), net.server, 22, random);
        List<Exchange> exchanges = sshHandshake(random);
        for (int i = random.nextInt(5, 30); i > 0; i--) {
            // a keystroke and its echo, sometimes a command's output
            int output = random.nextInt(5) == 0 ? random.nextInt(100, 3000) : 36;
            exchanges.add(new Exchange(NO_BYTES, 36, NO_BYTES, output, Payloads.RANDOM));
        }
        return new TcpConversation(flow, exchanges, false);
    }

    /** Banner exchange and key exchange of an SSH connection (what every SSH connection starts with). */
    static List<Exchange> sshHandshake(SplittableRandom random) {
        List<Exchange> exchanges = new ArrayList<>();
        exchanges.add(new Exchange(NO_BYTES, 0, Payloads.ascii("SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6\r\n"), 0,
                Payloads.RANDOM));
        exchanges.add(new Exchange(Payloads.ascii("SSH-2.0-OpenSSH_9.6\r\n"), 0, NO_BYTES, 0, Payloads.RANDOM));
        exchanges.add(new Exchange(NO_BYTES, random.nextInt(1200, 1600), NO_BYTES, random.nextInt(1000, 1200),
                Payloads.RANDOM)); // KEXINIT both ways
        exchanges.add(new Exchange(NO_BYTES, 48, NO_BYTES, random.nextInt(500, 1100), Payloads.RANDOM)); // ECDH
        return exchanges;
    }

    /** A TLS 1.3 ClientHello record naming {@code serverName} in the SNI extension. */
    static byte[] clientHello(String serverName, SplittableRandom random) {
        int sniLength = serverName.length();
        int extensions = (9 + sniLength) + 7 + 8 + 42 + 8;
        int body = 2 + 32 + 33 + 2 + 10 + 2 + 2 + extensions;
        byte[] b = new byte[5 + 4 + body];
        int at = 0;
        b[at++] = 0x16; // handshake record
        b[at++] = 3;
        b[at++] = 1;
        Frames.u16(b, at, 4 + body);
        at += 2;
        b[at++] = 1; // ClientHello
        b[at++] = 0;
        Frames.u16(b, at, body);
        at += 2;
        b[at++] = 3;
        b[at++] = 3;
        for (int i = 0; i < 32; i++) {
            b[at++] = (byte) random.nextInt(256); // random
        }
        b[at++] = 32; // legacy session id
        at = randomBytes(b, at, 32, random);
        Frames.u16(b, at, 10);
        at += 2;
        for (int suite : new int[] { 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f }) {
            Frames.u16(b, at, suite);
            at += 2;
        }
        b[at++] = 1; // one compression method: null
        b[at++] = 0;
        Frames.u16(b, at, extensions);
        at += 2;
        Frames.u16(b, at, 0x0000); // server_name
        Frames.u16(b, at + 2, 5 + sniLength);
        Frames.u16(b, at + 4, 3 + sniLength);
        b[at + 6] = 0; // host_name
        Frames.u16(b, at + 7, sniLength);
        at = Frames.ascii(b, at + 9, serverName);
        Frames.u16(b, at, 0x002b); // supported_versions: TLS 1.3
        Frames.u16(b, at + 2, 3);
        b[at + 4] = 2;
        Frames.u16(b, at + 5, 0x0304);
        at += 7;
        Frames.u16(b, at, 0x000a); // supported_groups: x25519
        Frames.u16(b, at + 2, 4);
        Frames.u16(b, at + 4, 2);
        Frames.u16(b, at + 6, 0x001d);
        at += 8;
        Frames.u16(b, at, 0x0033); // key_share: x25519, 32-byte key
        Frames.u16(b, at + 2, 38);
        Frames.u16(b, at + 4, 36);
        Frames.u16(b, at + 6, 0x001d);
        Frames.u16(b, at + 8, 32);
        at += 10;
        at = randomBytes(b, at, 32, random);
        Frames.u16(b, at, 0x000d); // signature_algorithms: ecdsa_secp256r1_sha256
        Frames.u16(b, at + 2, 4);
        Frames.u16(b, at + 4, 2);
        Frames.u16(b, at + 6, 0x0403);
        return b;
    }

    /**
     * The start of a TLS 1.3 server flight: ServerHello, ChangeCipherSpec, and the header of the encrypted record
     * that carries the rest of {@code flightLength} bytes.
     */
    private static byte[] serverHello(int flightLength, SplittableRandom random) {
        int helloBody = 2 + 32 + 33 + 2 + 1 + 2 + 6 + 40;
        byte[] b = new byte[5 + 4 + helloBody + 6 + 5];
        int at = 0;
        b[at++] = 0x16;
        b[at++] = 3;
        b[at++] = 3;
        Frames.u16(b, at, 4 + helloBody);
        at += 2;
        b[at++] = 2; // ServerHello
        b[at++] = 0;
        Frames.u16(b, at, helloBody);
        at += 2;
        b[at++] = 3;
        b[at++] = 3;
        at = randomBytes(b, at, 32, random);
        b[at++] = 32;
        at = randomBytes(b, at, 32, random);
        Frames.u16(b, at, 0x1301); // TLS_AES_128_GCM_SHA256
        at += 2;
        b[at++] = 0;
        Frames.u16(b, at, 46); // extensions
        at += 2;
        Frames.u16(b, at, 0x002b);
        Frames.u16(b, at + 2, 2);
        Frames.u16(b, at + 4, 0x0304);
        at += 6;
        Frames.u16(b, at, 0x0033);
        Frames.u16(b, at + 2, 36);
        Frames.u16(b, at + 4, 0x001d);
        Frames.u16(b, at + 6, 32);
        at += 8;
        at = randomBytes(b, at, 32, random);
        b[at++] = 0x14; // ChangeCipherSpec
        b[at++] = 3;
        b[at++] = 3;
        Frames.u16(b, at, 1);
        at += 2;
        b[at++] = 1;
        int rest = Math.max(0, Math.min(16_384, flightLength - b.length));
        b[at++] = 0x17;
        b[at++] = 3;
        b[at++] = 3;
        Frames.u16(b, at, rest);
        return b;
    }

    /** Fills {@code n} bytes from {@code at} with random values; returns the offset after them. */
    private static int randomBytes(byte[] b, int at, int n, SplittableRandom random) {
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) random.nextInt(256);
        }
        return at + n;
    }

    static byte[] tlsRecordHeader(int contentType, int length) {
        return new byte[] { (byte) contentType, 3, 3, (byte) (length >>> 8), (byte) length };
    }
}
