/**
 * The live packet stream, promised to third parties (views, detectors, transports).
 * <p>
 * Get the {@link org.osprey.stream.PacketStream} OSGi service, then either
 * <ul>
 * <li>subscribe: {@code stream.subscribe(DisplayFilter.compile("dns"), (batch, count) -> ..., 65_536)} delivers
 * batches on the subscription's own thread; a slow subscriber loses its own packets (counted in
 * {@link org.osprey.stream.Subscription#dropped()}) and never slows the publisher or other subscribers; or</li>
 * <li>pull: {@code stream.read(lastSeen + 1, buffer)} on a timer copies what the ring buffer still holds.</li>
 * </ul>
 * Every packet has a sequence number, gapless from 0 per stream and never reused (not even after
 * {@link org.osprey.stream.PacketStream#clear()}), so a gap always means a counted drop.
 * <p>
 * {@link org.osprey.stream.DisplayFilter} is the Wireshark-like filter language (field list:
 * {@link org.osprey.stream.DisplayFilter#knownFields()}); {@link org.osprey.stream.StreamStatistics} the counters.
 */
package org.osprey.stream;
