package org.osprey.capture;

import java.util.List;

import org.osprey.stream.PacketStream;

/**
 * The capture service: lists interfaces and makes capture sources that publish into a stream. Registered as an OSGi
 * service by Declarative Services.
 */
public interface CaptureSources {

    /**
     * The interfaces live capture can open.
     *
     * @throws CaptureException when libpcap is missing or refuses to list them (the message says why)
     */
    List<NetworkInterfaceInfo> interfaces() throws CaptureException;

    /** A live capture source (not started). */
    CaptureSource live(LiveCaptureOptions options, PacketStream target);

    /** A capture file replay source (not started). */
    CaptureSource replay(ReplayOptions options, PacketStream target);

    /** A traffic generator source (not started). */
    CaptureSource generator(GeneratorOptions options, PacketStream target);

    /** Sends the traffic generator's frames out of a loopback interface, e.g. {@code lo} (not started). */
    TrafficInjector injector(GeneratorOptions options, String interfaceName);
}
