package org.osprey.detect.builtin.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that holds at most a fixed number of entries, evicting the least recently used one: how a detector keeps its
 * per-host or per-flow state bounded while it runs live for days. Not thread-safe (an inspector is used by one thread).
 */
public final class LruMap<K, V> extends LinkedHashMap<K, V> {

    private static final long serialVersionUID = 1L;

    private final int maximumSize;

    public LruMap(int maximumSize) {
        super(Math.min(maximumSize, 1024) * 4 / 3 + 1, 0.75f, true);
        this.maximumSize = maximumSize;
    }

    public int maximumSize() {
        return maximumSize;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > maximumSize;
    }
}
