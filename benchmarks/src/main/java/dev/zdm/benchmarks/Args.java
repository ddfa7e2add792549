package dev.zdm.benchmarks;

import dev.zdm.core.text.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code key=value} benchmark arguments with defaults; an empty value ({@code rows=}) means the default. */
public final class Args {
    private final Map<String, String> values;

    private Args(Map<String, String> values) {
        this.values = values;
    }

    public static Args parse(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                if (eq < arg.length() - 1) {
                    values.put(arg.substring(0, eq), arg.substring(eq + 1));
                }
            } else if (!arg.isBlank()) {
                values.put(arg, "true");
            }
        }
        return new Args(values);
    }

    /** The arguments given (not the defaults), in order, for the results files. */
    public Map<String, String> given() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    /** A whole number; {@code 1_000_000}, {@code 1000k} and {@code 1m} are accepted. */
    public int integer(String name, int defaultValue) {
        String v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        String n = v.replace("_", "").toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith("m")) {
            return Math.multiplyExact(Integer.parseInt(n.substring(0, n.length() - 1)), 1_000_000);
        }
        if (n.endsWith("k")) {
            return Math.multiplyExact(Integer.parseInt(n.substring(0, n.length() - 1)), 1_000);
        }
        return Integer.parseInt(n);
    }

    public String text(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    /** {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}; a bare number is milliseconds ({@link Durations#parse}). */
    public Duration duration(String name, Duration defaultValue) {
        String v = values.get(name);
        return v == null ? defaultValue : Durations.parse(v);
    }
}
