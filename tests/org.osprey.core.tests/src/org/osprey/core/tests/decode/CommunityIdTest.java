package org.osprey.core.tests.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.osprey.core.CommunityId;
import org.osprey.core.PacketSummary;
import org.osprey.core.SummaryDecoder;

/**
 * Community ID v1 against the published test vectors. Each vector's flow tuple is built into a real IP packet,
 * decoded by the summary decoder, and hashed, so the vectors check decoder and hash together.
 * <p>
 * Sources (the expected IDs are copied from them unchanged):
 * <ul>
 * <li>[spec-table] corelight/community-id-spec, baseline/README.md: "Default settings" and "A custom seed=1 value"
 * tables;</li>
 * <li>[spec-json] corelight/community-id-spec, baseline/baseline_deflt.json (made by pycommunityid's
 * community-id-pcap from the spec's pcaps/combined.pcap.gz; for ICMP, sport is the type and dport the code or
 * counterpart type);</li>
 * <li>[pycommunityid] corelight/pycommunityid, tests/communityid_test.py (the default and seed=1 columns).</li>
 * </ul>
 * The wider cross-check, Community IDs of real corpus packets against Wireshark's, is in
 * {@link SummaryDecoderTsharkTest}.
 */
class CommunityIdTest {

    private static final int TCP = 6, UDP = 17, ICMP = 1, ICMP6 = 58, SCTP = 132, RSVP = 46;
    private static final int NO_PORT = -1;
    private static final String V6_A = "fe80:0001:0203:0405:0607:0809:0A0B:0C0D";
    private static final String V6_B = "fe80:1011:1213:1415:1617:1819:1A1B:1C1D";

    /** proto, src, dst, sport (ICMP type), dport (ICMP code), seed, expected. */
    static Stream<Arguments> vectors() {
        return Stream.of(
                // [spec-table] default settings
                Arguments.of(TCP, "1.2.3.4", "5.6.7.8", 1122, 3344, 0, "1:wCb3OG7yAFWelaUydu0D+125CLM="),
                Arguments.of(TCP, "5.6.7.8", "1.2.3.4", 3344, 1122, 0, "1:wCb3OG7yAFWelaUydu0D+125CLM="),
                Arguments.of(UDP, "1.2.3.4", "5.6.7.8", 1122, 3344, 0, "1:0Mu9InQx6z4ZiCZM/7HXi2WMhOg="),
                Arguments.of(UDP, "5.6.7.8", "1.2.3.4", 3344, 1122, 0, "1:0Mu9InQx6z4ZiCZM/7HXi2WMhOg="),
                Arguments.of(SCTP, "1.2.3.4", "5.6.7.8", 1122, 3344, 0, "1:EKt4MsxuyaE6mL+hmrEkQ9csDD8="),
                Arguments.of(SCTP, "5.6.7.8", "1.2.3.4", 3344, 1122, 0, "1:EKt4MsxuyaE6mL+hmrEkQ9csDD8="),
                Arguments.of(ICMP, "1.2.3.4", "5.6.7.8", 8, 0, 0, "1:crodRHL2FEsHjbv3UkRrfbs4bZ0="),
                Arguments.of(ICMP, "5.6.7.8", "1.2.3.4", 0, 0, 0, "1:crodRHL2FEsHjbv3UkRrfbs4bZ0="),
                Arguments.of(ICMP, "1.2.3.4", "5.6.7.8", 11, 0, 0, "1:f/YiSyWqczrTgfUCZlBUnvHRcPk="),
                Arguments.of(ICMP6, V6_A, V6_B, 128, 0, 0, "1:0bf7hyMJUwt3fMED7z8LIfRpBeo="),
                Arguments.of(ICMP6, V6_B, V6_A, 129, 0, 0, "1:0bf7hyMJUwt3fMED7z8LIfRpBeo="),
                Arguments.of(ICMP6, V6_A, V6_B, 146, 0, 0, "1:fYC8+pz24E+EhANP1EZhpX0Dw10="),
                Arguments.of(RSVP, "1.2.3.4", "5.6.7.8", NO_PORT, NO_PORT, 0, "1:ikv3kmf89luf73WPz1jOs49S768="),
                Arguments.of(RSVP, "5.6.7.8", "1.2.3.4", NO_PORT, NO_PORT, 0, "1:ikv3kmf89luf73WPz1jOs49S768="),
                Arguments.of(RSVP, V6_A, V6_B, NO_PORT, NO_PORT, 0, "1:wQ/2mwrnXP4lmJcHdGL5ePjR+e0="),
                Arguments.of(RSVP, V6_B, V6_A, NO_PORT, NO_PORT, 0, "1:wQ/2mwrnXP4lmJcHdGL5ePjR+e0="),
                // [spec-table] seed=1
                Arguments.of(TCP, "1.2.3.4", "5.6.7.8", 1122, 3344, 1, "1:HhA1B+6CoLbiKPEs5nhNYN4XWfk="),
                Arguments.of(TCP, "5.6.7.8", "1.2.3.4", 3344, 1122, 1, "1:HhA1B+6CoLbiKPEs5nhNYN4XWfk="),
                Arguments.of(UDP, "1.2.3.4", "5.6.7.8", 1122, 3344, 1, "1:OShq+iKDAMVouh/4bMxB9Sz4amw="),
                Arguments.of(SCTP, "1.2.3.4", "5.6.7.8", 1122, 3344, 1, "1:uitchpn5MMGAQKBJh7bIr/bAr7s="),
                Arguments.of(ICMP, "1.2.3.4", "5.6.7.8", 8, 0, 1, "1:9pr4ZGTICiuZoIh90RRYE2RyXpU="),
                Arguments.of(ICMP, "5.6.7.8", "1.2.3.4", 0, 0, 1, "1:9pr4ZGTICiuZoIh90RRYE2RyXpU="),
                Arguments.of(ICMP, "1.2.3.4", "5.6.7.8", 11, 0, 1, "1:1DD7cWGC/Yg91YGsQeni8du3pIA="),
                Arguments.of(ICMP6, V6_A, V6_B, 128, 0, 1, "1:IO27GQzPuCtNnwFvjWALMHu5tJE="),
                Arguments.of(ICMP6, V6_B, V6_A, 129, 0, 1, "1:IO27GQzPuCtNnwFvjWALMHu5tJE="),
                Arguments.of(ICMP6, V6_A, V6_B, 146, 0, 1, "1:Cv4IKJe56BNkF0MBW2YxQ3Nwc3s="),
                Arguments.of(RSVP, "1.2.3.4", "5.6.7.8", NO_PORT, NO_PORT, 1, "1:/buhqeOmaRCopOZFy9HnoJd5XW8="),
                Arguments.of(RSVP, V6_A, V6_B, NO_PORT, NO_PORT, 1, "1:j6EyyfBzL4vWKHFXgUqb5Az3OxM="),
                // [spec-json] baseline_deflt.json
                Arguments.of(ICMP6, "fe80::200:86ff:fe05:80da", "fe80::260:97ff:fe07:69ea", 135, 0, 0, "1:dGHyGvjMfljg6Bppwm3bg0LO8TY="),
                Arguments.of(ICMP6, "fe80::260:97ff:fe07:69ea", "fe80::200:86ff:fe05:80da", 136, 0, 0, "1:dGHyGvjMfljg6Bppwm3bg0LO8TY="),
                Arguments.of(ICMP6, "fe80::260:97ff:fe07:69ea", "fe80::200:86ff:fe05:80da", 135, 0, 0, "1:zavyT/cezQr1fmImYCwYnMXbgck="),
                Arguments.of(ICMP6, "fe80::200:86ff:fe05:80da", "fe80::260:97ff:fe07:69ea", 136, 0, 0, "1:zavyT/cezQr1fmImYCwYnMXbgck="),
                Arguments.of(ICMP6, "3ffe:501:1800:2345::2", "3ffe:507:0:1:200:86ff:fe05:80da", 3, 0, 0, "1:2ObVBgIn28oZvibYZhZMBgh7WdQ="),
                Arguments.of(ICMP6, "3ffe:501:410:0:2c0:dfff:fe47:33e", "3ffe:507:0:1:200:86ff:fe05:80da", 1, 4, 0, "1:hLZd0XGWojozrvxqE0dWB1iM6R0="),
                Arguments.of(ICMP6, "3ffe:507:0:1:200:86ff:fe05:80da", "3ffe:501:0:1001::2", 128, 0, 0, "1:+TW+HtLHvV1xnGhV1lv7XoJrqQg="),
                Arguments.of(ICMP6, "3ffe:501:0:1001::2", "3ffe:507:0:1:200:86ff:fe05:80da", 129, 0, 0, "1:+TW+HtLHvV1xnGhV1lv7XoJrqQg="),
                Arguments.of(ICMP6, "fe80::200:86ff:fe05:80da", "ff02::2", 133, 0, 0, "1:hO+sN4H+MG5MY/8hIrXPqc4ZQz0="),
                Arguments.of(ICMP6, "fe80::260:97ff:fe07:69ea", "ff02::1", 134, 0, 0, "1:pkvHqCL88/tg1k4cPigmZXUtL00="),
                Arguments.of(ICMP, "192.168.0.89", "192.168.0.1", 8, 0, 0, "1:X0snYXpgwiv9TZtqg64sgzUn6Dk="),
                Arguments.of(ICMP, "192.168.0.1", "192.168.0.89", 0, 0, 0, "1:X0snYXpgwiv9TZtqg64sgzUn6Dk="),
                Arguments.of(ICMP, "10.0.0.1", "10.0.0.2", 11, 0, 0, "1:YHxtAirCG//0OzkcVAukqKQN9xM="),
                Arguments.of(TCP, "2001:470:e5bf:dead:4957:2174:e82c:4887", "2607:f8b0:400c:c03::1a", 63943, 25, 0, "1:/qFaeAR+gFe1KYjMzVDsMv+wgU4="),
                Arguments.of(TCP, "2607:f8b0:400c:c03::1a", "2001:470:e5bf:dead:4957:2174:e82c:4887", 25, 63943, 0, "1:/qFaeAR+gFe1KYjMzVDsMv+wgU4="),
                Arguments.of(SCTP, "192.168.170.8", "192.168.170.56", 7, 7, 0, "1:MP2EtRCAUIZvTw6MxJHLV7N7JDs="),
                Arguments.of(SCTP, "192.168.170.56", "192.168.170.8", 7, 7, 0, "1:MP2EtRCAUIZvTw6MxJHLV7N7JDs="),
                Arguments.of(TCP, "128.232.110.120", "66.35.250.204", 34855, 80, 0, "1:LQU9qZlK+B5F3KDmev6m5PMibrg="),
                Arguments.of(TCP, "66.35.250.204", "128.232.110.120", 80, 34855, 0, "1:LQU9qZlK+B5F3KDmev6m5PMibrg="),
                Arguments.of(UDP, "192.168.1.52", "8.8.8.8", 54585, 53, 0, "1:d/FP5EW3wiY1vCndhwleRRKHowQ="),
                Arguments.of(UDP, "8.8.8.8", "192.168.1.52", 53, 54585, 0, "1:d/FP5EW3wiY1vCndhwleRRKHowQ="),
                Arguments.of(RSVP, "10.1.12.1", "10.1.12.2", NO_PORT, NO_PORT, 0, "1:KHlLkgoJW7ifUTyTSgyVfkFHzKw="),
                Arguments.of(RSVP, "10.1.12.2", "10.1.12.1", NO_PORT, NO_PORT, 0, "1:KHlLkgoJW7ifUTyTSgyVfkFHzKw="),
                // [pycommunityid] test_icmp: type 20 is one-way, so its code counts; type 0 ignores the code
                Arguments.of(ICMP, "192.168.0.89", "192.168.0.1", 20, 0, 0, "1:3o2RFccXzUgjl7zDpqmY7yJi8rI="),
                Arguments.of(ICMP, "192.168.0.89", "192.168.0.1", 20, 1, 0, "1:tz/fHIDUHs19NkixVVoOZywde+I="),
                Arguments.of(ICMP, "192.168.0.1", "192.168.0.89", 0, 20, 0, "1:X0snYXpgwiv9TZtqg64sgzUn6Dk="),
                Arguments.of(ICMP, "192.168.0.89", "192.168.0.1", 20, 0, 1, "1:lCXHHxavE1Vq3oX9NH5ladQg02o="),
                Arguments.of(ICMP, "192.168.0.89", "192.168.0.1", 8, 0, 1, "1:03g6IloqVBdcZlPyX8r0hgoE7kA="),
                // [pycommunityid] test_icmp6: type 3 is one-way, so the two directions differ
                Arguments.of(ICMP6, "3ffe:507:0:1:260:97ff:fe07:69ea", "3ffe:507:0:1:200:86ff:fe05:80da", 3, 0, 0, "1:NdobDX8PQNJbAyfkWxhtL2Pqp5w="),
                Arguments.of(ICMP6, "3ffe:507:0:1:200:86ff:fe05:80da", "3ffe:507:0:1:260:97ff:fe07:69ea", 3, 0, 0, "1:/OGBt9BN1ofenrmSPWYicpij2Vc="),
                Arguments.of(ICMP6, "fe80::200:86ff:fe05:80da", "fe80::260:97ff:fe07:69ea", 135, 0, 1, "1:kHa1FhMYIT6Ym2Vm2AOtoOARDzY="),
                // [pycommunityid] test_sctp, test_tcp (incl. pycommunityid issue 3: ports compare as numbers), test_udp, test_ip
                Arguments.of(SCTP, "192.168.170.8", "192.168.170.56", 7, 80, 0, "1:jQgCxbku+pNGw8WPbEc/TS/uTpQ="),
                Arguments.of(SCTP, "192.168.170.56", "192.168.170.8", 80, 7, 1, "1:Y1/0jQg6e+I3ZwZZ9LP65DNbTXU="),
                Arguments.of(TCP, "10.0.0.1", "10.0.0.2", 10, 11569, 0, "1:SXBGMX1lBOwhhoDrZynfROxnhnM="),
                Arguments.of(TCP, "10.0.0.1", "10.0.0.2", 10, 11569, 1, "1:HmBRGR+fUyXF4t8WEtal7Y0gEAo="),
                Arguments.of(TCP, "66.35.250.204", "128.232.110.120", 80, 34855, 1, "1:3V71V58M3Ksw/yuFALMcW0LAHvc="),
                Arguments.of(UDP, "8.8.8.8", "192.168.1.52", 53, 54585, 1, "1:Q9We8WO3piVF8yEQBNJF4uiSVrI="),
                Arguments.of(RSVP, "10.1.24.4", "10.1.12.1", NO_PORT, NO_PORT, 0, "1:/nQI4Rh/TtY3mf0R2gJFBkVlgS4="),
                Arguments.of(RSVP, "10.1.12.1", "10.1.24.4", NO_PORT, NO_PORT, 1, "1:BK3BVW3U2eemuwVQVN3zd/GULno="));
    }

    @ParameterizedTest(name = "proto {0} {1}:{3} -> {2}:{4} seed {5}")
    @MethodSource("vectors")
    void publishedVector(int proto, String src, String dst, int sport, int dport, int seed, String expected) {
        byte[] transport = switch (proto) {
            case TCP -> Packets.tcp(sport, dport, 0x02, new byte[0]);
            case UDP -> Packets.udp(sport, dport, new byte[0]);
            case SCTP -> Packets.sctp(sport, dport);
            case ICMP, ICMP6 -> Packets.icmp(sport, dport);
            default -> new byte[8];
        };
        byte[] packet = Packets.ip(proto, src, dst, transport);
        PacketSummary p = SummaryDecoder.decode(packet, SummaryDecoder.LINKTYPE_RAW, 0, packet.length);
        assertEquals(proto, p.ipProtocol());
        assertEquals(expected, CommunityId.of(p, seed));
        if (seed == 0) {
            assertEquals(expected, p.communityId());
        }
    }

    @Test
    void packetWithoutIpHasNoCommunityId() {
        byte[] arp = Packets.ethernet(0x0806, new byte[28]);
        assertNull(SummaryDecoder.decode(arp, SummaryDecoder.LINKTYPE_ETHERNET, 0, arp.length).communityId());
    }

    @Test
    void tcpWithoutCapturedPortsHasNoCommunityId() {
        byte[] packet = Packets.ipv4(TCP, "1.2.3.4", "5.6.7.8", Packets.tcp(1122, 3344, 0x02, new byte[0]));
        byte[] cut = java.util.Arrays.copyOf(packet, 22); // the IP header and half a port
        PacketSummary p = SummaryDecoder.decode(cut, SummaryDecoder.LINKTYPE_RAW, 0, packet.length);
        assertEquals(TCP, p.ipProtocol());
        assertNull(p.communityId());
    }
}
