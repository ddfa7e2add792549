package dev.zdm.core.ddl;

import java.time.Duration;

/** Durations written the way the messages and progress lines read them. */
final class HumanDuration {
    private HumanDuration() {
    }

    static String of(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 10_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = d.toSeconds();
        if (s < 120) {
            return s + "s";
        }
        long m = d.toMinutes();
        return m < 120 ? m + "m" + (s % 60 == 0 ? "" : " " + s % 60 + "s") : d.toHours() + "h " + m % 60 + "m";
    }
}
