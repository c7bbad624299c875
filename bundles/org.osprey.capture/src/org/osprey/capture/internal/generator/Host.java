package org.osprey.capture.internal.generator;

/**
 * An address pair as it appears on the captured LAN: the IPv4 address and the MAC that frames to and from it carry
 * on this link (for a host beyond the router, the router's MAC).
 *
 * @param name a DNS name for it, or {@code null}
 */
record Host(int ip, long mac, String name) {

    static int ip(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }
}
