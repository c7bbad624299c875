package org.osprey.stream;

/** Stream-wide events, called on the thread that caused them. */
public interface StreamListener {

    /**
     * The ring buffer was emptied by {@link PacketStream#clear()}.
     *
     * @param nextSequence the sequence number the next published packet will get (numbers are never reused)
     */
    void cleared(long nextSequence);
}
