/**
 * Capture sources: live capture from a network interface (libpcap through pcap4j), replay of pcap and pcapng files,
 * and a traffic generator with injected attacks. Each publishes {@link org.osprey.core.PacketSummary} objects into a
 * {@link org.osprey.stream.PacketStream}. Start with the {@link org.osprey.capture.CaptureSources} service.
 */
package org.osprey.capture;
