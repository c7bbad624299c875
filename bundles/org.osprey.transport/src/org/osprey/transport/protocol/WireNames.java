package org.osprey.transport.protocol;

import java.util.Locale;

/**
 * The protocol's enumerations travel as lower-case words with hyphens: {@code SLOW_CLIENT} is {@code "slow-client"}.
 * One rule for all of them, so that a new constant cannot be misspelled on the wire.
 */
final class WireNames {

    private WireNames() {
    }

    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant with this wire name, or {@code null}. */
    static <E extends Enum<E>> E find(Class<E> type, String wireName) {
        if (wireName == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equals(wireName)) {
                return constant;
            }
        }
        return null;
    }
}
