package org.osprey.ui.packets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.osprey.core.detail.HexDump;

/** The texts the part makes itself: Time column and where a field's bytes are in the hex dump. */
class PacketColumnsTest {

    @Test
    void secondsHaveSixDecimalsTruncatedLikeWireshark() {
        assertEquals("0.000000", PacketColumns.seconds(0));
        assertEquals("0.001500", PacketColumns.seconds(1_500_000));
        assertEquals("3.731417", PacketColumns.seconds(3_731_417_999L));
        assertEquals("23.085343", PacketColumns.seconds(23_085_343_000L));
        assertEquals("-0.000002", PacketColumns.seconds(-2_000));
    }

    @Test
    void hexSpansCoverTheHexDigitsAndAsciiOfTheBytesAcrossLines() {
        byte[] frame = new byte[40];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (byte) ('A' + i % 26);
        }
        String dump = HexDump.format(frame, frame.length);
        // bytes 14..17: the last two of line 0 and the first two of line 1
        List<int[]> spans = PacketDetailPane.hexSpans(dump, 14, 4);
        assertEquals(4, spans.size());
        assertEquals("4f 50", text(dump, spans.get(0)));
        assertEquals("OP", text(dump, spans.get(1)));
        assertEquals("51 52", text(dump, spans.get(2)));
        assertEquals("QR", text(dump, spans.get(3)));
        // bytes 7..8 straddle the extra gap after the eighth byte
        List<int[]> gap = PacketDetailPane.hexSpans(dump, 7, 2);
        assertEquals("48  49", text(dump, gap.get(0)));
    }

    private static String text(String dump, int[] span) {
        return dump.substring(span[0], span[0] + span[1]);
    }
}
