package org.osprey.detect.builtin.internal.auth;

/**
 * Follows one Telnet connection's login dialogue: the server's "login:" prompt, the user name the client types, the
 * "Password:" prompt and the password (only counted). Works for line mode (the name in one segment) and character
 * mode (one segment per key, echoed by the server) alike, since it only appends what the client sends.
 * <p>
 * Telnet commands (IAC ...) are skipped within a segment; a subnegotiation split across segments is read as text
 * until its end, which at worst adds noise to a user name. Backspace and DEL remove the last character typed.
 */
final class TelnetLogin {

    /** Longest user name kept; further characters are dropped. */
    static final int MAX_USER = 64;

    private static final int IAC = 0xff, SB = 250, SE = 240, WILL = 251, DONT = 254;

    enum State {
        /** No prompt seen, or the dialogue is over. */
        IDLE,
        /** After a "login:" or "Username:" prompt: the client types the user name. */
        USER,
        /** After a "Password:" prompt: the client types the password. */
        PASSWORD
    }

    /** What a client segment completed. */
    enum Completed {
        NOTHING, USER, PASSWORD
    }

    private State state = State.IDLE;
    private final byte[] user = new byte[MAX_USER];
    private int userLength;
    private boolean userKnown;
    private int passwordLength;
    /** Sequence of the client packet that finished the user name, as evidence. */
    long userSequence = -1;

    /** Forgets the dialogue, for another connection. */
    TelnetLogin reset() {
        state = State.IDLE;
        userLength = 0;
        userKnown = false;
        passwordLength = 0;
        userSequence = -1;
        return this;
    }

    /** Reads a server segment: a prompt at its end starts the matching step. */
    void server(byte[] frame, int from, int to) {
        if (Payloads.endsWithPrompt(frame, from, to, "login:")
                || Payloads.endsWithPrompt(frame, from, to, "username:")) {
            state = State.USER;
            userLength = 0;
            userKnown = false;
        } else if (Payloads.endsWithPrompt(frame, from, to, "password:")) {
            state = State.PASSWORD;
            passwordLength = 0;
        }
    }

    /** Reads a client segment; says whether it ended the user name or the password (Enter). */
    Completed client(byte[] frame, int from, int to) {
        if (state == State.IDLE) {
            return Completed.NOTHING;
        }
        for (int i = from; i < to; i++) {
            int b = frame[i] & 0xff;
            if (b == IAC) {
                i = skipCommand(frame, i, to);
                continue;
            }
            if (b == '\r' || b == '\n') {
                if (state == State.USER && userLength > 0) {
                    state = State.IDLE;
                    userKnown = true;
                    return Completed.USER;
                }
                if (state == State.PASSWORD) {
                    state = State.IDLE;
                    return Completed.PASSWORD;
                }
                continue;
            }
            boolean erase = b == 0x08 || b == 0x7f;
            if (state == State.USER) {
                if (erase) {
                    userLength = Math.max(0, userLength - 1);
                } else if (b >= 0x20 && userLength < MAX_USER) {
                    user[userLength++] = (byte) b;
                }
            } else if (erase) {
                passwordLength = Math.max(0, passwordLength - 1);
            } else if (b >= 0x20) {
                passwordLength++;
            }
        }
        return Completed.NOTHING;
    }

    /** The user name typed after the last login prompt, or {@code null} when none was completed. */
    String user() {
        return userKnown ? Payloads.text(user, 0, userLength) : null;
    }

    int passwordLength() {
        return passwordLength;
    }

    /** Index of the last byte of the Telnet command starting at {@code iac}. */
    private static int skipCommand(byte[] frame, int iac, int to) {
        if (iac + 1 >= to) {
            return iac;
        }
        int command = frame[iac + 1] & 0xff;
        if (command == IAC) {
            return iac + 1; // an escaped 0xff data byte: not typed text anyway
        }
        if (command >= WILL && command <= DONT) {
            return Math.min(iac + 2, to - 1);
        }
        if (command == SB) {
            for (int i = iac + 2; i + 1 < to; i++) {
                if ((frame[i] & 0xff) == IAC && (frame[i + 1] & 0xff) == SE) {
                    return i + 1;
                }
            }
            return to - 1;
        }
        return iac + 1;
    }
}
