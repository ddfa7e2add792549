package dev.zdm.core.phase.rollback;

import dev.zdm.core.phase.PhaseEntry;
import dev.zdm.core.phase.PhaseStates;
import dev.zdm.core.phase.PhaseStatus;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How far the rollback of one migration got, kept in its {@code zdm_phase_state} row (detail
 * {@code {"rollback": {"source": ..., "done": [fingerprints]}}}) in the same transaction as the statements it counts, so
 * that a rollback killed half-way is continued by the next {@code zdm:rollback} after the last committed statement.
 * Statements that run outside a transaction ({@code DROP INDEX CONCURRENTLY}) are counted right after they finish: a
 * kill in between runs them again, which the index statements survive (they find the index gone or built, see
 * {@code dev.zdm.core.ddl.SafeDdl}); write other such statements with {@code IF EXISTS}.
 */
public final class RollbackProgress {
    static final String DETAIL = "rollback";
    private final PhaseStates states;
    private final String migration;
    private final String version;
    private final String phase;
    private final Optional<PhaseEntry> entry;

    private RollbackProgress(PhaseStates states, String migration, String version, String phase, Optional<PhaseEntry> entry) {
        this.states = states;
        this.migration = migration;
        this.version = version;
        this.phase = phase;
        this.entry = entry;
    }

    /**
     * The progress of undoing {@code phase} ({@code expand}, {@code migrate}, {@code undeclared}) of {@code migration}
     * (its script, as in {@code zdm_phase_state}).
     */
    public static RollbackProgress of(PhaseStates states, String migration, String version, String phase) throws SQLException {
        return new RollbackProgress(states, migration, version, phase, states.find(migration, phase));
    }

    /** The fingerprints of the statements an earlier, interrupted run committed, in order; empty when none. */
    public List<String> done() {
        Object rollback = entry.filter(e -> e.status() != PhaseStatus.ROLLED_BACK).map(e -> e.detail().get(DETAIL)).orElse(null);
        if (rollback instanceof Map<?, ?> m && m.get("done") instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /** Records {@code done} (in the caller's transaction); the row keeps its status and evidence. */
    public void record(String source, List<String> done) throws SQLException {
        Map<String, Object> detail = new LinkedHashMap<>(entry.map(PhaseEntry::detail).orElse(Map.of()));
        detail.put(DETAIL, Map.of("source", source, "done", List.copyOf(done)));
        states.record(migration, version, phase, entry.map(PhaseEntry::status).filter(s -> s != PhaseStatus.ROLLED_BACK)
                .orElse(PhaseStatus.DONE), entry.map(PhaseEntry::evidence).orElse(Map.of()), detail);
    }

    /** Records the phase as rolled back (in the caller's transaction), with where its rollback came from. */
    public void finished(String source, int statements) throws SQLException {
        Map<String, Object> detail = new LinkedHashMap<>(entry.map(PhaseEntry::detail).orElse(Map.of()));
        detail.put(DETAIL, Map.of("source", source, "statements", statements));
        states.record(migration, version, phase, PhaseStatus.ROLLED_BACK, entry.map(PhaseEntry::evidence).orElse(Map.of()), detail);
    }
}
