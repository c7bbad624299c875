package org.osprey.capture;

/**
 * A snapshot of a {@link CaptureSource}'s counters since it started.
 *
 * @param captured packets published to the stream
 * @param bytes sum of their wire lengths
 * @param kernelDrops packets the kernel dropped because the capture buffer was full (pcap's {@code ps_drop}; live
 *        capture only, updated about once a second while packets arrive and when the capture ends; on a
 *        loopback interface the kernel sees each packet twice, sent and received, so one lost packet may count
 *        twice)
 * @param interfaceDrops packets the network interface or its driver dropped (pcap's {@code ps_ifdrop}; live only;
 *        not every platform counts them)
 * @param decodeErrors published packets the summary decoder found malformed ({@code PacketSummary.FLAG_MALFORMED}):
 *        they are published anyway, with as much decoded as was valid
 */
public record CaptureCounters(long captured, long bytes, long kernelDrops, long interfaceDrops, long decodeErrors) {

    /** All counters zero. */
    public static final CaptureCounters NONE = new CaptureCounters(0, 0, 0, 0, 0);
}
