package org.osprey.ui.session;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;

/**
 * The agents connected to recently, newest first, kept in the instance preferences (node {@value #NODE}, key
 * {@value #KEY}). Addresses only: tokens are secrets and are never stored by the client.
 */
public final class RecentAgents {

    static final String NODE = "org.osprey.ui.session";
    static final String KEY = "recentAgents";
    static final int MAX = 8;

    private final IEclipsePreferences preferences;

    public RecentAgents() {
        this(InstanceScope.INSTANCE.getNode(NODE));
    }

    RecentAgents(IEclipsePreferences preferences) {
        this.preferences = preferences;
    }

    public List<String> list() {
        List<String> agents = new ArrayList<>();
        for (String line : preferences.get(KEY, "").split("\n")) {
            if (!line.isBlank()) {
                agents.add(line.strip());
            }
        }
        return agents;
    }

    /** Puts the agent first (once) and saves. */
    public void remember(URI agent) {
        List<String> agents = list();
        agents.remove(agent.toString());
        agents.add(0, agent.toString());
        preferences.put(KEY, String.join("\n", agents.subList(0, Math.min(MAX, agents.size()))));
        try {
            preferences.flush();
        } catch (BackingStoreException e) {
            // remembered for this run; the next start shows the older list
        }
    }
}
