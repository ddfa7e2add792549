package dev.zdm.core.phase;

import java.util.Locale;

/**
 * How migrations without a {@code -- zdm:phase=} directive are treated (setting {@code flyway.zdm.phases}).
 */
public enum PhaseMode {
    /** Only declared phases count; an undeclared migration keeps today's findings. The default. */
    DECLARED,
    /** An undeclared migration with a breaking statement is treated as {@link MigrationPhase#CONTRACT}. */
    STRICT;

    /** {@code declared} or {@code strict} (any case); anything else is refused with the allowed values. */
    public static PhaseMode parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "declared" -> DECLARED;
            case "strict" -> STRICT;
            default -> throw new IllegalArgumentException("phases '" + value + "' must be declared or strict");
        };
    }

    /** How it is written as a setting value. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
