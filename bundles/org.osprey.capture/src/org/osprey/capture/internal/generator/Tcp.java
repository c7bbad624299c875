package org.osprey.capture.internal.generator;

/** TCP flag bits. */
final class Tcp {
    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20;

    private Tcp() {
    }
}
