package org.osprey.ui.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osprey.core.PacketSummary;
import org.osprey.stream.PacketStream;
import org.osprey.testing.TestFiles;

/** "All packets" read from the client's real PacketStream service. */
class PacketExportSourceTest {

    @Test
    void heldByCopiesWhatTheRingHoldsOldestFirst() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceReference<PacketStream> reference = context.getServiceReference(PacketStream.class);
        PacketStream stream = context.getService(reference);
        try {
            List<PacketSummary> capture = ExportPacketsJobTest.read(TestFiles.corpus("pcaps/scan/synscan.pcapng"));
            stream.clear();
            assertEquals(List.of(), PacketExportSource.heldBy(stream), "nothing held after clear");
            for (PacketSummary packet : capture) {
                stream.publish(packet);
            }
            List<PacketSummary> held = PacketExportSource.heldBy(stream);
            assertEquals(capture.size(), held.size());
            for (int i = 0; i < held.size(); i++) {
                assertSame(capture.get(i), held.get(i), "packet " + i);
            }
        } finally {
            stream.clear();
            context.ungetService(reference);
        }
    }
}
