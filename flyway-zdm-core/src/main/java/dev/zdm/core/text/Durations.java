package dev.zdm.core.text;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them in settings and directives ({@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}, in
 * any case; a bare number is milliseconds), and as every message and progress line of flyway-zdm prints them
 * ({@link #format}).
 */
public final class Durations {
    /** The words of every message about a bad duration. */
    public static final String EXPECTED = "a duration such as 500ms, 2s, 5m or 1h (a bare number is milliseconds)";

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private Durations() {
    }

    public static boolean isDuration(String value) {
        return DURATION.matcher(value.toLowerCase(Locale.ROOT)).matches();
    }

    /** @throws IllegalArgumentException "expected a duration such as 500ms, ..." when {@code value} is not one */
    public static Duration parse(String value) {
        Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected " + EXPECTED);
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /**
     * The one way flyway-zdm prints a duration: {@code 850ms}, {@code 2.5s} (under ten seconds), {@code 42s} (under two
     * minutes), {@code 3m 5s}, {@code 150m}... under two hours, then {@code 2h 5m}. Whole units keep their short form
     * ({@code 5m}, {@code 2s}), so a setting prints as it is written.
     */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 10_000) {
            return ms % 1000 == 0 ? ms / 1000 + "s" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = d.toSeconds();
        if (s < 120) {
            return s + "s";
        }
        long m = d.toMinutes();
        if (m < 120) {
            return m + "m" + (s % 60 == 0 ? "" : " " + s % 60 + "s");
        }
        return d.toHours() + "h" + (m % 60 == 0 ? "" : " " + m % 60 + "m");
    }
}
