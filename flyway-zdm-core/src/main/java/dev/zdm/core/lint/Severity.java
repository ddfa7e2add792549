package dev.zdm.core.lint;

import java.util.Locale;

/** How bad a finding is; {@code error} stops the build and the migrate-time gate by default. */
public enum Severity {
    INFO, WARNING, ERROR;

    /** {@code error}, {@code warning}, {@code info}: the word used in reports and settings. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** Reads {@code error}, {@code warning} or {@code info} (any case). */
    public static Severity parse(String word) {
        return valueOf(word.trim().toUpperCase(Locale.ROOT));
    }
}
