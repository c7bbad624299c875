package org.osprey.core.tests.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osprey.core.Addresses;

/**
 * Address text. IPv6 follows RFC 5952 (the examples of its section 4); Wireshark's own rendering of the corpus
 * addresses is checked in {@link SummaryDecoderTsharkTest}.
 */
class AddressesTest {

    @ParameterizedTest
    @CsvSource({
            "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1", // 4.1 leading zeros dropped, 4.2.1 longest run
            "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", // 4.2.2 a single 0 group stays
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1", // 4.2.3 the longest run is shortened
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1", // 4.2.3 of equal runs, the first
            "2001:DB8:0:0:0:0:0:ABCD, 2001:db8::abcd", // 4.3 lower case
            "0:0:0:0:0:0:0:0, ::",
            "0:0:0:0:0:0:0:1, ::1",
            "fe80:0:0:0:200:86ff:fe05:80da, fe80::200:86ff:fe05:80da",
            "ff02:0:0:0:0:0:0:fb, ff02::fb",
            "1:0:0:0:0:0:0:0, 1::",
            "0:0:0:0:0:ffff:c000:0201, ::ffff:192.0.2.1", // 5: IPv4-mapped in mixed notation, as inet_ntop writes it
    })
    void ip6(String allGroups, String expected) {
        // parsed by hand: InetAddress turns an IPv4-mapped address into an IPv4 one
        String[] groups = allGroups.split(":");
        long hi = 0, lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = hi << 16 | Long.parseLong(groups[i], 16);
            lo = lo << 16 | Long.parseLong(groups[i + 4], 16);
        }
        assertEquals(expected, Addresses.ip6(hi, lo));
    }

    @ParameterizedTest
    @CsvSource({ "0.0.0.0", "10.0.0.1", "192.168.255.254", "255.255.255.255" })
    void ip4(String address) {
        assertEquals(address, Addresses.ip4(ByteBuffer.wrap(Packets.address(address)).getInt()));
    }

    @ParameterizedTest
    @CsvSource({ "0x00e04d3c257b, 00:e0:4d:3c:25:7b", "0xffffffffffff, ff:ff:ff:ff:ff:ff", "0x0, 00:00:00:00:00:00" })
    void mac(String value, String expected) {
        assertEquals(expected, Addresses.mac(Long.decode(value)));
    }
}
