package dev.zdm.flyway.internal.checklist;

import dev.zdm.core.lint.LintResult;
import dev.zdm.core.lint.MigrationSource;
import dev.zdm.core.lock.SessionSetting;
import dev.zdm.core.sql.RelationLock;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.flyway.internal.HistorySchema;
import dev.zdm.flyway.internal.gate.LiveLint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Rehearses the pending migrations on the configured database, which must be a restored copy of the target: reads
 * Flyway's checksum of each pending SQL migration and the estimated rows of every existing table they touch, runs
 * {@code migrate} (the lint gate off: a rehearsal is where a risky migration is measured, not refused; contract
 * migrations not held back: the rehearsal runs everything the deploy will run), and records
 * checksums, sizes, each migration's time and the table locks it held that the analyzer did not predict ({@link LockTrace},
 * {@link UnpredictedLocks}) in a {@link RehearsalFile}.
 */
public final class Rehearser {
    /** How often the lock trace samples pg_locks: locks held for less may go unseen. */
    static final Duration TRACE_INTERVAL = Duration.ofMillis(20);

    private Rehearser() {
    }

    public static Rehearsal rehearse(Configuration configuration, Connection connection, RehearsalFile record) throws SQLException {
        Map<String, Integer> checksums = new LinkedHashMap<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, String> scriptByVersion = new HashMap<>();
        String database;
        List<PendingMigration> migrations = new ArrayList<>();
        try (SessionSetting lockWait = SessionSetting.set(connection, "lock_timeout", ChecklistCollector.LOCK_WAIT)) {
            MigrationInfo[] pending = LiveLint.migrations(configuration, connection).pending();
            if (pending.length == 0) {
                throw new FlywayException("flyway-zdm rehearse: nothing is pending on " + name(connection) + ", so there is "
                        + "nothing to rehearse. Restore a copy of the target from before the pending migrations ran.");
            }
            Map<String, MigrationSource> sources = new HashMap<>();
            LiveLint.sources(configuration, pending).forEach(s -> sources.put(s.path(), s));
            for (MigrationInfo info : pending) {
                scriptByVersion.put(key(info.getVersion() == null ? null : info.getVersion().getVersion(), info.getDescription()),
                        info.getScript());
                MigrationSource source = sources.get(info.getScript());
                if (source != null && info.getChecksum() != null) {
                    checksums.put(info.getScript(), info.getChecksum());
                    migrations.add(new PendingMigration(source.fileName(), info.getScript(),
                            info.getVersion() == null ? null : info.getVersion().getVersion(), info.getChecksum(),
                            SqlScript.parse(source.fileName(), source.text())));
                }
            }
            LiveTableSizes sizes = new LiveTableSizes(connection, HistorySchema.configured(configuration).orElse(null));
            ChecklistContext context = new ChecklistContext(true, migrations, List.of(),
                    new LintResult(List.of(), 0, 0, 0, 0, Map.of(), Map.of()), sizes, 0, ChecklistOptions.DEFAULT_REHEARSAL_FRACTION,
                    RehearsalRecords.NONE, List.of());
            for (PendingStatement s : context.statements()) {
                for (RelationLock lock : s.statement().model().locks()) {
                    TableState state = TableState.of(context, s, lock.relation());
                    if (state.kind() == TableState.Kind.SIZED && state.size().holdsRows()) {
                        rows.putIfAbsent(state.relation(), state.size().rows());
                    }
                }
            }
            database = name(connection);
        }
        Instant ranAt = Instant.now();
        MigrateResult result;
        List<LockTrace.Observed> observed;
        try (LockTrace trace = LockTrace.start(configuration.getDataSource(), configuration.getTable(), pid(connection),
                TRACE_INTERVAL)) {
            result = Flyway.configure(configuration.getClassLoader()).configuration(configuration)
                    .configuration(Map.of("flyway.zdm.lint.gate", "false", "flyway.zdm.contract", "allow")).load().migrate();
            observed = trace.stop();
        }
        Map<String, Duration> timings = new LinkedHashMap<>();
        for (MigrateOutput m : result.migrations) {
            String script = scriptByVersion.get(key(m.version, m.description));
            timings.put(Objects.requireNonNullElse(script, m.description), Duration.ofMillis(m.executionTime));
        }
        Rehearsal rehearsal = new Rehearsal(ranAt, database, checksums, rows, timings, UnpredictedLocks.of(migrations, observed));
        record.append(rehearsal);
        return rehearsal;
    }

    private static String key(String version, String description) {
        return (version == null || version.isEmpty() ? "" : version) + "|" + description;
    }

    private static int pid(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String name(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
