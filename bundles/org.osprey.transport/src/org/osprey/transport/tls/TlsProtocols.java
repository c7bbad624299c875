package org.osprey.transport.tls;

/** The TLS settings both ends use. */
public final class TlsProtocols {

    /** The only protocol version the agent and the client speak. */
    public static final String TLS_1_3 = "TLSv1.3";

    private TlsProtocols() {
    }
}
