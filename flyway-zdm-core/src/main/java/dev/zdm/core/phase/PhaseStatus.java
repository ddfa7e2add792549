package dev.zdm.core.phase;

import java.util.Locale;

/** Where one phase of one migration stands in {@code zdm_phase_state}. */
public enum PhaseStatus {
    /** The phase ran to the end. */
    DONE,
    /** A contract migration that {@code migrate} / {@code zdm:expand} held back: drain evidence did not hold yet. */
    HELD,
    /** The contract steps of an operation whose expand steps ran; the next {@code zdm:contract} runs them. */
    WAITING,
    /** {@code zdm:rollback} undid the phase; the migration is no longer in Flyway's history. */
    ROLLED_BACK;

    /** How it is stored: {@code done}, {@code held}, {@code waiting}, {@code rolled_back}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PhaseStatus parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
