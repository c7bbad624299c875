package org.osprey.detect.builtin.internal.auth;

import java.util.Arrays;

/**
 * The most recent failed logins of one client against one service of one server: a ring of their times and packet
 * sequences, as long as the threshold. The threshold is reached when the ring is full and its oldest entry lies within
 * the window of the newest: a sliding window, exact, with memory bounded by the threshold.
 */
final class FailureWindow {

    /** User names kept as evidence; further ones are not listed. */
    static final int MAX_USERS = 5;

    private long[] times;
    private long[] sequences;
    /** Index the next failure is written to. */
    private int next;
    private int held;
    /** Every failure seen for this key in the run. */
    long total;
    /** The first distinct user names tried (FTP), as evidence. */
    private final String[] users = new String[MAX_USERS];
    private int userCount;

    /** Packet time until which no new alert is raised for this key (one alert per window of attacks). */
    long quietUntil = Long.MIN_VALUE;

    FailureWindow(int threshold) {
        times = new long[threshold];
        sequences = new long[threshold];
    }

    /** Empties the window for another client/server pair, keeping its arrays. */
    FailureWindow reset() {
        next = 0;
        held = 0;
        total = 0;
        quietUntil = Long.MIN_VALUE;
        Arrays.fill(users, null);
        userCount = 0;
        return this;
    }

    /**
     * Records a failure.
     *
     * @return whether the last {@code threshold} failures all lie within {@code windowNanos}
     */
    boolean add(long time, long sequence, int threshold, long windowNanos) {
        if (times.length != threshold) { // the analyst changed the threshold: start over
            times = new long[threshold];
            sequences = new long[threshold];
            next = 0;
            held = 0;
        }
        total++;
        times[next] = time;
        sequences[next] = sequence;
        next = (next + 1) % threshold;
        held = Math.min(held + 1, threshold);
        return held == threshold && time - oldestTime() <= windowNanos;
    }

    /** Notes the user name of a failed login (ignored when {@code null}, known, or beyond {@link #MAX_USERS}). */
    void userTried(String user) {
        if (user == null || userCount == MAX_USERS) {
            return;
        }
        for (int i = 0; i < userCount; i++) {
            if (users[i].equals(user)) {
                return;
            }
        }
        users[userCount++] = user;
    }

    int usersTried() {
        return userCount;
    }

    /** "admin, administrator" (the first {@link #MAX_USERS} distinct names). */
    String usersTriedText() {
        return String.join(", ", Arrays.asList(users).subList(0, userCount));
    }

    long oldestTime() {
        return times[held < times.length ? 0 : next];
    }

    int held() {
        return held;
    }

    /** The sequences held, oldest first. */
    long[] sequences() {
        long[] ordered = new long[held];
        int start = held < sequences.length ? 0 : next;
        for (int i = 0; i < held; i++) {
            ordered[i] = sequences[(start + i) % sequences.length];
        }
        return ordered;
    }
}
