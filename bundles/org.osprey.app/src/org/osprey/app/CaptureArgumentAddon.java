package org.osprey.app;

import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.core.runtime.Platform;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.osgi.service.event.Event;

/**
 * e4 model addon: when the program was started with {@code -capture FILE}, opens that file once the window is up,
 * through the same Open Capture command as the menu (so the same job, progress and error dialog).
 */
public final class CaptureArgumentAddon {

    static final String CAPTURE_ARGUMENT = "-capture";

    @Inject
    @Optional
    void applicationStarted(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Event event,
            ECommandService commands, EHandlerService handlers) {
        String file = captureArgument(Platform.getApplicationArgs());
        if (file == null) {
            return;
        }
        ParameterizedCommand open = commands.createCommand(OpenCaptureHandler.COMMAND_ID,
                Map.of(OpenCaptureHandler.PATH_PARAMETER, file));
        handlers.executeHandler(open);
    }

    /** The value after {@value #CAPTURE_ARGUMENT} in the program arguments, or {@code null}. */
    static String captureArgument(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (CAPTURE_ARGUMENT.equals(args[i])) {
                return args[i + 1];
            }
        }
        return null;
    }
}
