package org.osprey.stream.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.osprey.stream.DisplayFilter;
import org.osprey.stream.FilterSyntaxException;

/** Bad filter text is rejected with a message that names the problem and the 0-based position of the token. */
class DisplayFilterSyntaxTest {

    static Stream<Arguments> badFilters() {
        return Stream.of(
                Arguments.of("tcp.prot == 80", 0, 8, "unknown field 'tcp.prot' at 0 (did you mean tcp.port?)"),
                Arguments.of("tcp.port ==", 9, 2, "expected a value after '==' at 9"),
                Arguments.of("ip.addr == 300.1.1.1", 11, 9, "'300.1.1.1' is not an IPv4 address at 11"),
                Arguments.of("ip.src == 10.0.0.0/33", 10, 11,
                        "'10.0.0.0/33' has no valid prefix length at 10 (0 to 32 after the /)"),
                Arguments.of("tcp.port == 70000", 12, 5, "'70000' is out of range for tcp.port at 12 (0 to 65535)"),
                Arguments.of("frame.len > big", 12, 3, "'big' is not a number at 12"),
                Arguments.of("(tcp || udp", 11, 0, "expected ')' at 11 (to close the '(' at 0)"),
                Arguments.of("tcp)", 3, 1, "unexpected ')' after a complete test at 3 (no '(' is open)"),
                Arguments.of("tcp.port == 80 udp", 15, 3,
                        "unexpected 'udp' after a complete test at 15 (join tests with && or ||)"),
                Arguments.of("tcp &&", 6, 0, "expected a field or protocol after '&&' at 6"),
                Arguments.of("tcp.port = 80", 9, 1, "'=' is not an operator at 9 (use == to compare)"),
                Arguments.of("tcp & udp", 4, 1, "'&' is not an operator at 4 (use && for and)"),
                Arguments.of("tcp == 1", 0, 3,
                        "'tcp' is a protocol and cannot be compared at 0 (test it alone, or compare one of its fields)"),
                Arguments.of("tcp.port contains \"x\"", 9, 8, "'contains' needs a text field; tcp.port is a number at 9"),
                Arguments.of("dns.qry.name matches \"(\"", 21, 3,
                        "'(' is not a valid regular expression at 21 (Unclosed group)"),
                Arguments.of("dns.qry.name == \"abc", 16, 4, "string is not closed at 16 (add a closing \")"),
                Arguments.of("tcp.port in {80", 15, 0, "'{' is not closed at 15 (add '}')"),
                Arguments.of("tcp.port in 80", 12, 2, "expected '{' after 'in' at 12 (e.g. tcp.port in {80 443 8000..8080})"),
                Arguments.of("tcp.port in {}", 12, 1, "the set after 'in' is empty at 12"),
                Arguments.of("tcp.port in {443..80}", 16, 2, "range 443..80 is empty at 16 (write the smaller value first)"),
                Arguments.of("ipv6.src < ::1", 9, 1, "'<' cannot compare ipv6.src (an IPv6 address) at 9 (use ==, != or in)"),
                Arguments.of("ipv6.addr == 1:2:3", 13, 5, "'1:2:3' is not an IPv6 address at 13"),
                Arguments.of("eth.src == 00:11:22:33:44", 11, 14, "'00:11:22:33:44' is not a MAC address at 11 (e.g. 00:11:22:33:44:55)"),
                Arguments.of("tcp.flags.syn == 2", 17, 1, "'2' is not a flag value at 17 (use 1, 0, true or false)"),
                Arguments.of("ip.addr == \"10.0.0.1\"", 11, 10,
                        "ip.addr is an IPv4 address, not text at 11 (write the value without quotes)"),
                Arguments.of("ip.src < 10.0.0.0/8", 9, 10,
                        "'10.0.0.0/8' is a block of addresses at 9 (a block works with ==, != and in)"),
                Arguments.of("80", 0, 2,
                        "expected a field or protocol instead of the value '80' at 0 (a test starts with a field, e.g. ip.addr == 80)"),
                Arguments.of("tcp # udp", 4, 1, "unexpected character '#' at 4"),
                Arguments.of("dsn", 0, 3, "unknown field 'dsn' at 0 (did you mean dns?)"),
                Arguments.of("completely.unknown", 0, 18, "unknown field 'completely.unknown' at 0"),
                Arguments.of("!", 1, 0, "expected a field or protocol after '!' at 1"),
                Arguments.of("== 80", 0, 2, "expected a field or protocol instead of '==' at 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFilters")
    void rejectsWithPositionAndMessage(String text, int position, int length, String message) {
        FilterSyntaxException e = assertThrows(FilterSyntaxException.class, () -> DisplayFilter.compile(text));
        assertEquals(message, e.getMessage());
        assertEquals(position, e.position(), "position");
        assertEquals(length, e.length(), "length");
        assertEquals(text, e.filter());
    }

    @ParameterizedTest
    @ValueSource(strings = { "ip.addr == 10.0.0.1 && tcp.port in {80 443}", "dns", "tcp.flags.syn == 1 && !tcp.flags.ack",
            "frame.len > 1000", "udp.port in {53, 1024..65535}", "ip.src eq 10.0.0.0/8 or ip.dst ne 192.168.0.1",
            "not (tcp or udp) and ip", "tcp.flags.syn == true and tcp.flags.ack == false", "tcp.flags.psh == 1",
            "tcp.flags.rst == 1", "eth.src == 0011.2233.4455", "ipv6.addr in {fe80::/10 ::ffff:10.0.0.1}",
            "dns.qry.name contains \"a\\\"b\"", "icmpv6.type ge 128", "arp.dst.proto_ipv4 in {10.0.0.1..10.0.0.9}",
            "vlan.id == 0x10", "   ", "" })
    void compilesAndRemembersItsText(String text) throws FilterSyntaxException {
        DisplayFilter filter = DisplayFilter.compile(text);
        assertEquals(text, filter.toString());
        assertEquals(text.isBlank(), filter.isEmpty());
        assertEquals(DisplayFilter.compile(text), filter);
    }
}
