/**
 * Floods: {@link org.osprey.detect.builtin.internal.flood.SynFloodDetector} ({@code osprey.synflood}, T1499.001) and
 * {@link org.osprey.detect.builtin.internal.flood.IcmpFloodDetector} ({@code osprey.icmpflood}, T1498.001), both
 * HIGH. Packets to one victim are counted in intervals of packet time with their distinct sources estimated in a
 * small bitmap, so a flood from tens of thousands of spoofed addresses costs no more than one from a single host; one
 * flood raises one alert, which names the attacker only when every packet came from one source.
 */
package org.osprey.detect.builtin.internal.flood;
