package org.osprey.ui.packets;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.osprey.stream.PacketStream;
import org.osprey.ui.LiveView;

/**
 * The packet view's commands (menus, toolbar and key bindings in fragment.e4xmi). Space and End are also handled
 * by the table itself, so that typing a space in the filter bar stays a space.
 */
public final class PacketCommands {

    private PacketCommands() {
    }

    /** Pause / Resume (Space in the table): freezes the views while capture goes on. */
    public static final class TogglePause {
        @Execute
        public void execute(LiveView liveView) {
            liveView.togglePause();
        }
    }

    /** Go Live (End in the table): resumes and follows the newest packets. */
    public static final class GoLive {
        @Execute
        public void execute(LiveView liveView) {
            liveView.goLive();
        }
    }

    /** Clear (Ctrl+L): empties the views and the client's buffer; capture goes on. */
    public static final class Clear {
        @Execute
        public void execute(PacketStream stream) {
            stream.clear();
        }
    }

    /** Filter (Ctrl+F): shows the packet table and puts the cursor in its filter bar. */
    public static final class FocusFilter {
        @Execute
        public void execute(EPartService parts) {
            MPart part = parts.showPart(PacketTablePart.PART_ID, EPartService.PartState.ACTIVATE);
            if (part != null && part.getObject() instanceof PacketTablePart table) {
                table.focusFilter();
            }
        }
    }
}
