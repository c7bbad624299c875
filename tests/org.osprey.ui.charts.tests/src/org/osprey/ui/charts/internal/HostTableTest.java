package org.osprey.ui.charts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osprey.core.Addresses;
import org.osprey.core.PacketSummary;
import org.osprey.core.io.CaptureFiles;
import org.osprey.core.io.CaptureReader;
import org.osprey.testing.TestFiles;

/**
 * The host table's bound: a capture with thousands of hosts fills a table of a few, the rest is counted as other
 * hosts, and nothing is lost from the total. The table keeps the first hosts it saw, as a plain ordered map does.
 */
class HostTableTest {

    private static final int BOUND = 16;

    @Test
    void hostsBeyondTheBoundCountAsOtherAndNothingIsLost() throws IOException {
        Path capture = TestFiles.corpus("pcaps/flood/pkt.TCP.synflood.spoofed.pcap");
        HostTable table = new HostTable(BOUND);
        Map<Integer, long[]> firstHosts = new LinkedHashMap<>(); // the reference: the first BOUND hosts seen
        long otherPackets = 0;
        long otherBytes = 0;
        long hostPackets = 0;
        try (CaptureReader reader = CaptureFiles.open(capture)) {
            for (PacketSummary packet = reader.next(); packet != null; packet = reader.next()) {
                if (packet.ipVersion() != 4) {
                    continue;
                }
                for (int address : new int[] { packet.srcIp4(), packet.dstIp4() }) {
                    table.add(4, 0, address & 0xFFFF_FFFFL, packet.wireLength());
                    hostPackets++;
                    long[] counts = firstHosts.get(address);
                    if (counts == null && firstHosts.size() < BOUND) {
                        counts = new long[2];
                        firstHosts.put(address, counts);
                    }
                    if (counts != null) {
                        counts[0]++;
                        counts[1] += packet.wireLength();
                    } else {
                        otherPackets++;
                        otherBytes += packet.wireLength();
                    }
                }
            }
        }
        assertTrue(otherPackets > 0, "the capture has more hosts than the bound");
        assertEquals(BOUND, table.size(), "the table stops at its bound");
        assertEquals(otherPackets, table.otherPackets(), "packets of hosts beyond the bound");
        assertEquals(otherBytes, table.otherBytes(), "their bytes");
        Ranked[] all = table.top(BOUND);
        Map<String, Ranked> expected = new LinkedHashMap<>();
        firstHosts.forEach((address, counts) -> expected.put(Addresses.ip4(address),
                new Ranked(Addresses.ip4(address), counts[0], counts[1])));
        long tracked = 0;
        for (Ranked host : all) {
            assertEquals(expected.get(host.label()), host, "one of the first hosts, with its counts");
            tracked += host.packets();
        }
        assertEquals(hostPackets, tracked + table.otherPackets(), "every packet is either a tracked host's or other");
        for (int i = 1; i < all.length; i++) {
            assertTrue(all[i - 1].bytes() >= all[i].bytes(), "most bytes first");
        }

        table.clear();
        assertEquals(0, table.size());
        assertEquals(0, table.otherPackets());
        assertEquals(0, table.top(BOUND).length);
    }
}
