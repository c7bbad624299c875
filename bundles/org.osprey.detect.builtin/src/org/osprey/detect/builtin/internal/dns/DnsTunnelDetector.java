package org.osprey.detect.builtin.internal.dns;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osprey.detect.Detector;
import org.osprey.detect.DetectorContext;
import org.osprey.detect.DetectorParameter;
import org.osprey.detect.PacketInspector;

/**
 * DNS tunnelling (dns2tcp, iodine, dnscat2 and the like): a client whose queries under one registered domain carry
 * data in their names. Two signs are counted per client and registered domain in a window of packet time: queries
 * whose names look encoded (very long, or a subdomain of high character entropy), and distinct subdomains.
 * <p>
 * Severity: HIGH when encoded-looking names cross their threshold (data is leaving through the resolver, past any
 * proxy or firewall: a command-and-control or exfiltration channel); MEDIUM when only the number of distinct
 * subdomains does, since some benign services (DNS blocklists, anti-virus and CDN lookups) also query many names.
 * MITRE ATT&amp;CK T1071.004 (Application Layer Protocol: DNS).
 */
@Component(service = Detector.class)
public final class DnsTunnelDetector implements Detector {

    public static final String ID = "osprey.dns-tunnel";

    /** Signature: encoded-looking query names under one domain. */
    public static final int SIG_ENCODED_NAMES = 1;
    /** Signature: many distinct subdomains of one domain. */
    public static final int SIG_SUBDOMAIN_VOLUME = 2;

    static final String LONG_NAME = "name.length";
    static final String ENTROPY = "entropy.bits";
    static final String ENTROPY_MIN_LENGTH = "entropy.min.length";
    static final String ENCODED_QUERIES = "encoded.queries";
    static final String UNIQUE_SUBDOMAINS = "unique.subdomains";
    static final String WINDOW = "window.seconds";

    private static final List<DetectorParameter> PARAMETERS = List.of(
            DetectorParameter.count(LONG_NAME, "Long query name (characters)", 52, 20, 253,
                    "A query name longer than this counts as encoded. 52 is the length the Zeek DNS-exfiltration"
                            + " scripts flag (|query| > 52); ordinary host names are far shorter, tunnels fill"
                            + " labels towards the 63-character limit of RFC 1035."),
            new DetectorParameter(ENTROPY, "Subdomain entropy (bits per character)", 4.0, 2.0, 8.0,
                    "A subdomain (the name below the registered domain, dots left out) with at least this Shannon"
                            + " entropy counts as encoded. Host names of words stay below about 3.5 bits per"
                            + " character; base32 and base64 data approach 5 and 6 (character frequency analysis as"
                            + " in Born and Gustafson, 'Detecting DNS tunnels using character frequency analysis',"
                            + " 2010)."),
            DetectorParameter.count(ENTROPY_MIN_LENGTH, "Entropy measured from (characters)", 20, 8, 253,
                    "Entropy is judged only for subdomains at least this long: a short string cannot reach a high"
                            + " entropy (at most log2 of its length), and short random labels are common in CDN"
                            + " names."),
            DetectorParameter.count(ENCODED_QUERIES, "Encoded queries per domain", 10, 1, 100_000,
                    "Encoded-looking queries from one client under one registered domain within the window that"
                            + " raise the HIGH alert; several, so that one odd name is not a tunnel."),
            DetectorParameter.count(UNIQUE_SUBDOMAINS, "Distinct subdomains per domain", 100, 2, 100_000,
                    "Distinct subdomains queried by one client under one registered domain within the window that"
                            + " raise the MEDIUM alert; 100 is request_count_threshold of the Zeek DNS_TUNNELS"
                            + " script."),
            DetectorParameter.seconds(WINDOW, "Window (s)", 60, 1, 86_400,
                    "Packet time over which a client's queries to one domain are counted; counts start again after"
                            + " it."));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "DNS tunnelling";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "A client whose DNS queries under one domain carry data: long or high-entropy names, or many distinct"
                + " subdomains, within a window. Names the domain and the client. Reverse (.arpa) and mDNS (.local)"
                + " names are ignored.";
    }

    @Override
    public String filter() {
        return "dns && dns.flags.response == 0";
    }

    @Override
    public List<DetectorParameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public PacketInspector start(DetectorContext context) {
        return new DnsTunnelInspector(context);
    }
}
