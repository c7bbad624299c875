package org.osprey.detect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The values of a detector's parameters for a run: defaults with the analyst's changes. Immutable. */
public final class DetectorSettings {

    private final Map<String, Double> values;

    private DetectorSettings(Map<String, Double> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * The defaults of {@code parameters} with {@code changes} applied.
     *
     * @throws IllegalArgumentException when a change names no parameter or lies outside its range; the message says
     *                                  which and what is allowed
     */
    public static DetectorSettings of(List<DetectorParameter> parameters, Map<String, Double> changes) {
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, DetectorParameter> byKey = new LinkedHashMap<>();
        for (DetectorParameter parameter : parameters) {
            values.put(parameter.key(), parameter.defaultValue());
            byKey.put(parameter.key(), parameter);
        }
        changes.forEach((key, value) -> {
            DetectorParameter parameter = byKey.get(key);
            if (parameter == null) {
                throw new IllegalArgumentException("no parameter '" + key + "' (known: " + byKey.keySet() + ")");
            }
            if (value == null || !(parameter.minimum() <= value && value <= parameter.maximum())) {
                throw new IllegalArgumentException(parameter.label() + " (" + key + ") must be between "
                        + format(parameter.minimum()) + " and " + format(parameter.maximum()) + ", not " + value);
            }
            values.put(key, value);
        });
        return new DetectorSettings(values);
    }

    /** The defaults of {@code parameters}. */
    public static DetectorSettings defaults(List<DetectorParameter> parameters) {
        return of(parameters, Map.of());
    }

    /** @throws IllegalArgumentException when the detector declared no parameter {@code key} */
    public double value(String key) {
        Double value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no parameter '" + key + "' (known: " + values.keySet() + ")");
        }
        return value;
    }

    /** The value rounded to a whole number, for counts. */
    public int intValue(String key) {
        return (int) Math.round(value(key));
    }

    /** A value in seconds as nanoseconds of packet time. */
    public long nanos(String key) {
        return Math.round(value(key) * 1e9);
    }

    /** Every key with its value, in the order the parameters were declared. */
    public Map<String, Double> values() {
        return values;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DetectorSettings settings && settings.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
