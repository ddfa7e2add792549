package dev.zdm.core.phase;

import java.time.Instant;
import java.util.Map;

/**
 * One row of {@code zdm_phase_state}: one phase of one migration.
 *
 * @param migration the migration's script (SQL) or class name (Java), as Flyway's {@code info} names it
 * @param version its Flyway version, null for a repeatable migration
 * @param phase {@code expand}, {@code migrate}, {@code contract}, or {@code undeclared}
 * @param evidence the drain evidence seen when a contract ran or was held (empty when none)
 * @param detail anything else the phase needs later: an operation migration's class, a statement baseline
 */
public record PhaseEntry(String migration, String version, String phase, PhaseStatus status, Instant startedAt,
                         Instant updatedAt, Instant finishedAt, Deployer who, Map<String, Object> evidence,
                         Map<String, Object> detail) {
    /** The phase value of a migration that declares none. */
    public static final String UNDECLARED = "undeclared";
}
