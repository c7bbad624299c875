package org.osprey.transport.server;

/**
 * Losses upstream of the agent's packet stream, which the stream itself cannot see; reported to clients in
 * {@code stats}. Called about once a second per subscribed client, from the server's threads.
 */
public interface CaptureCounters {

    /** For a source that loses nothing before the stream (a file replay, the generator). */
    CaptureCounters NONE = new CaptureCounters() {
        @Override
        public long kernelDrops() {
            return 0;
        }

        @Override
        public long agentQueueDrops() {
            return 0;
        }
    };

    /** Packets the capture driver dropped before the agent saw them (pcap stats), since capture started. */
    long kernelDrops();

    /** Packets dropped between capture and the stream (a full hand-off queue), since capture started. */
    long agentQueueDrops();
}
