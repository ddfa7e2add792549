package dev.zdm.core.phase;

import dev.zdm.core.state.ExtensionState;
import dev.zdm.core.state.StateMigrations;
import dev.zdm.core.state.StateVersion;
import dev.zdm.core.state.StateTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The phases recorded in {@code zdm_phase_state} of one history schema: which migration ran in which phase, when, by
 * whom, with what drain evidence; which contract was held back; which operation waits for its contract steps; which
 * expand was rolled back. One row per migration and phase; recording a phase again replaces its row (a migration
 * applied again after a rollback is {@code done} again).
 * <pre>
 * PhaseStates phases = PhaseStates.in(connection, "public");
 * phases.record("V7__drop_name.sql", "7", "contract", PhaseStatus.DONE, evidence, Map.of());
 * </pre>
 * Each call is one statement in the caller's transaction (or its own, in autocommit mode).
 */
public final class PhaseStates {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Connection connection;
    private final String table;
    private final Deployer deployer;

    private PhaseStates(Connection connection, String table, Deployer deployer) {
        this.connection = connection;
        this.table = table;
        this.deployer = deployer;
    }

    /** The phases of the history in {@code schema}; the extension's tables are created or upgraded first if needed. */
    public static PhaseStates in(Connection connection, String schema) throws SQLException {
        ExtensionState.ensure(connection, schema);
        return new PhaseStates(connection, StateTables.qualified(schema, StateTables.PHASE_STATE), Deployer.of(connection));
    }

    /**
     * The phases of the history in {@code schema} for reading only (a status in a read-only session): empty when the
     * extension's tables are missing or older than this code, since nothing was recorded with phases then.
     */
    public static Optional<PhaseStates> readOnly(Connection connection, String schema) throws SQLException {
        Optional<StateVersion> version = ExtensionState.version(connection, schema);
        if (version.isEmpty() || version.get().schemaVersion() != StateMigrations.CURRENT) {
            return Optional.empty();
        }
        return Optional.of(new PhaseStates(connection, StateTables.qualified(schema, StateTables.PHASE_STATE), Deployer.of(connection)));
    }

    /** Who this instance records as having run each phase. */
    public Deployer deployer() {
        return deployer;
    }

    /**
     * Records that {@code phase} of {@code migration} is now {@code status}; {@code finished_at} is set for
     * {@link PhaseStatus#DONE} and {@link PhaseStatus#ROLLED_BACK}.
     */
    public void record(String migration, String version, String phase, PhaseStatus status, Map<String, Object> evidence,
                       Map<String, Object> detail) throws SQLException {
        boolean finished = status == PhaseStatus.DONE || status == PhaseStatus.ROLLED_BACK;
        String sql = "INSERT INTO " + table + " AS p (migration, phase, state, version, who, evidence, detail, finished_at) "
                + "VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, CASE WHEN ? THEN clock_timestamp() END) "
                + "ON CONFLICT (migration, phase) DO UPDATE SET state = EXCLUDED.state, version = EXCLUDED.version, "
                + "who = EXCLUDED.who, evidence = EXCLUDED.evidence, detail = EXCLUDED.detail, "
                + "finished_at = EXCLUDED.finished_at, updated_at = clock_timestamp(), "
                + "started_at = CASE WHEN p.state IN ('done', 'rolled_back') AND EXCLUDED.state NOT IN ('done', 'rolled_back') "
                + "OR p.state = 'rolled_back' THEN clock_timestamp() ELSE p.started_at END";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, migration);
            ps.setString(2, phase);
            ps.setString(3, status.value());
            ps.setString(4, version);
            ps.setString(5, JSON.writeValueAsString(deployer.fields()));
            ps.setString(6, evidence == null || evidence.isEmpty() ? null : JSON.writeValueAsString(evidence));
            ps.setString(7, detail == null || detail.isEmpty() ? null : JSON.writeValueAsString(detail));
            ps.setBoolean(8, finished);
            ps.executeUpdate();
        }
    }

    /** Every recorded phase, oldest first. */
    public List<PhaseEntry> all() throws SQLException {
        return query("", List.of());
    }

    /** The phases in {@code status}, oldest first. */
    public List<PhaseEntry> withStatus(PhaseStatus status) throws SQLException {
        return query(" WHERE state = ?", List.of(status.value()));
    }

    /** The row of {@code phase} of {@code migration}, if recorded. */
    public Optional<PhaseEntry> find(String migration, String phase) throws SQLException {
        return query(" WHERE migration = ? AND phase = ?", List.of(migration, phase)).stream().findFirst();
    }

    /** Forgets {@code phase} of {@code migration} (a held contract that ran after all is recorded as done instead). */
    public void forget(String migration, String phase) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + table + " WHERE migration = ? AND phase = ?")) {
            ps.setString(1, migration);
            ps.setString(2, phase);
            ps.executeUpdate();
        }
    }

    private List<PhaseEntry> query(String where, List<String> args) throws SQLException {
        String sql = "SELECT migration, version, phase, state, started_at, updated_at, finished_at, who::text, evidence::text, "
                + "detail::text FROM " + table + where + " ORDER BY started_at, migration, phase";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, args.get(i));
            }
            List<PhaseEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> who = map(rs.getString(8));
                    out.add(new PhaseEntry(rs.getString(1), rs.getString(2), rs.getString(3), PhaseStatus.parse(rs.getString(4)),
                            instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
                            who.isEmpty() ? null : Deployer.from(who), map(rs.getString(9)), map(rs.getString(10))));
                }
            }
            return out;
        }
    }

    private static Map<String, Object> map(String json) {
        return json == null ? Map.of() : new LinkedHashMap<>(JSON.readValue(json, MAP));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
