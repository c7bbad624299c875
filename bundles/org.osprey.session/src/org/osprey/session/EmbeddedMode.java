package org.osprey.session;

/** What an embedded agent captures. */
public enum EmbeddedMode {
    /** Live capture of the default interface (needs capture permission: root or CAP_NET_RAW). */
    LIVE,
    /** The traffic generator's mix of ordinary traffic and attacks: demo data, always labelled as such. */
    DEMO
}
