/**
 * Capture sources: live capture from a network interface (libpcap through pcap4j), replay of pcap and pcapng files,
 * and a traffic generator with injected attacks. Each publishes {@link org.osprey.core.PacketSummary} objects,
 * decoded by {@link org.osprey.core.SummaryDecoder}, into a {@link org.osprey.stream.PacketStream} from its own
 * capture thread, never waiting for consumers.
 * <p>
 * Start with the {@link org.osprey.capture.CaptureSources} service:
 * <pre>{@code
 * CaptureSource source = sources.live(LiveCaptureOptions.on("eth0").filter("not port 22").build(), stream);
 * try {
 *     source.start();          // a bad filter, a missing interface or a missing permission fails here
 * } catch (CaptureException e) {
 *     System.err.println(e.getMessage());   // says what is wrong and what to do
 * }
 * ...
 * source.counters();           // captured, bytes, kernel drops, decode errors
 * source.stop();
 * }</pre>
 * Decisions worth knowing:
 * <ul>
 * <li><b>Live defaults</b>: whole packets (snap length 262144), promiscuous, nanosecond timestamps (microseconds
 * where the platform cannot), and the kernel's block ring with a 1 ms hand-over instead of immediate mode: on
 * {@code lo} it kept every packet of bursts that immediate mode partly dropped, at p99 1.3 ms (see
 * {@link org.osprey.capture.LiveCaptureOptions}).</li>
 * <li><b>Replay timestamps</b>: {@link org.osprey.capture.ReplayOptions.Timestamps#RECORDED} keeps the file's (for
 * analysis), {@link org.osprey.capture.ReplayOptions.Timestamps#REBASED} stamps each packet with the wall-clock
 * time it is published (for a live-looking demo).</li>
 * <li><b>Generator</b>: the frames depend only on the seed and the attack schedule, never on the rate or the
 * machine; timestamps are the wall-clock time of publishing. Attacks come one after another, in
 * {@link org.osprey.capture.AttackKind} order over the chosen kinds, each after a configurable number of benign
 * packets; the site is 192.168.10.0/24 (router .1, intranet server .5, workstations .20-.69, insider .99).</li>
 * </ul>
 */
package org.osprey.capture;
