package org.osprey.ui.session;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;
import org.osprey.session.EmbeddedMode;
import org.osprey.session.SessionService;

/** The Capture menu's commands. */
public final class SessionHandlers {

    private SessionHandlers() {
    }

    /** Capture > Start Live Capture: the embedded agent on the default interface. */
    public static final class StartLive {
        @Execute
        public void execute(SessionService sessions, @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
            new EmbeddedAgentStarter(sessions, shell).start(EmbeddedMode.LIVE);
        }
    }

    /** Capture > Start Demo Traffic: the embedded agent running the traffic generator. */
    public static final class StartDemo {
        @Execute
        public void execute(SessionService sessions, @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
            new EmbeddedAgentStarter(sessions, shell).start(EmbeddedMode.DEMO);
        }
    }

    /** Capture > Connect to Agent…: a remote agent. */
    public static final class Connect {
        @Execute
        public void execute(SessionService sessions, @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
            ConnectDialog dialog = new ConnectDialog(shell, sessions, new RecentAgents());
            if (dialog.open() == ConnectDialog.OK) {
                sessions.connect(dialog.agent());
            }
        }
    }

    /** Capture > Disconnect: ends the session; the packets received stay. */
    public static final class Disconnect {
        @CanExecute
        public boolean canExecute(SessionService sessions) {
            return sessions.current() != null;
        }

        @Execute
        public void execute(SessionService sessions) {
            sessions.stop();
        }
    }
}
