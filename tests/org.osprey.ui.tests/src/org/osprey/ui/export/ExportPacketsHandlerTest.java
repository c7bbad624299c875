package org.osprey.ui.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.junit.jupiter.api.Test;
import org.osprey.core.PacketSummary;

/** How the handler finds the packets: in the active part's context, as the e4 command service evaluates it. */
class ExportPacketsHandlerTest {

    private record NoPackets() implements PacketExportSource {
        @Override
        public List<PacketSummary> all() {
            return List.of();
        }

        @Override
        public List<PacketSummary> displayed() {
            return List.of();
        }

        @Override
        public List<PacketSummary> selected() {
            return List.of();
        }
    }

    @Test
    void enabledOnlyWhileAPartOfferingPacketsIsActive() {
        IEclipseContext window = EclipseContextFactory.create("window");
        IEclipseContext table = window.createChild("packet table part");
        IEclipseContext chart = window.createChild("chart part");
        table.set(PacketExportSource.class, new NoPackets());
        ExportPacketsHandler handler = new ExportPacketsHandler();
        try {
            chart.activate();
            assertEquals(false, canExecute(handler, window.getActiveLeaf()), "a part without packets is active");
            table.activate();
            assertEquals(true, canExecute(handler, window.getActiveLeaf()), "the packet table is active");
            assertNull(window.get(PacketExportSource.class), "the source stays in its part's context");
        } finally {
            window.dispose();
        }
    }

    private static Object canExecute(ExportPacketsHandler handler, IEclipseContext context) {
        return ContextInjectionFactory.invoke(handler, CanExecute.class, context);
    }
}
