package org.osprey.capture.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osprey.capture.CaptureException;
import org.osprey.capture.CaptureSource;
import org.osprey.capture.CaptureSources;
import org.osprey.capture.GeneratorOptions;
import org.osprey.capture.LiveCaptureOptions;
import org.osprey.capture.NetworkInterfaceInfo;
import org.osprey.capture.ReplayOptions;
import org.osprey.capture.TrafficInjector;
import org.osprey.stream.PacketStream;

/** The {@link CaptureSources} service. Stateless: every source it makes is independent. */
@Component(service = CaptureSources.class)
public final class CaptureSourcesImpl implements CaptureSources {

    private final Pcap pcap = new Pcap();

    @Override
    public List<NetworkInterfaceInfo> interfaces() throws CaptureException {
        return pcap.interfaces();
    }

    @Override
    public CaptureSource live(LiveCaptureOptions options, PacketStream target) {
        return new LiveCaptureSource(options, target, pcap);
    }

    @Override
    public CaptureSource replay(ReplayOptions options, PacketStream target) {
        return new ReplaySource(options, target);
    }

    @Override
    public CaptureSource generator(GeneratorOptions options, PacketStream target) {
        return new GeneratorSource(options, target);
    }

    @Override
    public TrafficInjector injector(GeneratorOptions options, String interfaceName) {
        return new GeneratorInjector(options, interfaceName, pcap);
    }
}
