package dev.zdm.benchmarks;

import dev.zdm.core.text.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code key=value} benchmark arguments with defaults. */
public final class Args {
    private final Map<String, String> values;

    private Args(Map<String, String> values) {
        this.values = values;
    }

    public static Args parse(List<String> args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                values.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else {
                values.put(arg, "true");
            }
        }
        return new Args(values);
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    public int integer(String name, int defaultValue) {
        String v = values.get(name);
        return v == null ? defaultValue : Integer.parseInt(v.replace("_", ""));
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
