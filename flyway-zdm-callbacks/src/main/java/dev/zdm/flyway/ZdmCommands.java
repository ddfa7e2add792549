package dev.zdm.flyway;

import dev.zdm.core.ZdmError;
import dev.zdm.core.ZdmErrorCode;
import dev.zdm.core.backfill.BackfillAction;
import dev.zdm.core.backfill.BackfillReport;
import dev.zdm.core.sql.RelationName;
import dev.zdm.flyway.api.ZdmMigrationException;
import dev.zdm.flyway.internal.HistorySchema;
import dev.zdm.flyway.internal.contract.PhaseCommands;
import dev.zdm.flyway.internal.contract.PhaseReport;
import dev.zdm.flyway.internal.checklist.ChecklistCollector;
import dev.zdm.flyway.internal.checklist.ChecklistOptions;
import dev.zdm.flyway.internal.checklist.ChecklistReport;
import dev.zdm.flyway.internal.checklist.Rehearsal;
import dev.zdm.flyway.internal.checklist.RehearsalFile;
import dev.zdm.flyway.internal.checklist.Rehearser;
import dev.zdm.flyway.internal.backfill.BackfillJobCommand;
import dev.zdm.flyway.internal.gate.LiveLint;
import dev.zdm.flyway.internal.rollback.RollbackCommand;
import dev.zdm.flyway.internal.rollback.RollbackOptions;
import dev.zdm.flyway.internal.rollback.RollbackReport;
import dev.zdm.flyway.internal.status.StatusCollector;
import dev.zdm.flyway.internal.status.StatusReport;
import dev.zdm.flyway.internal.verify.StatisticsSnapshot;
import dev.zdm.flyway.internal.verify.VerifyCollector;
import dev.zdm.flyway.internal.verify.VerifyOptions;
import dev.zdm.flyway.internal.verify.VerifyReport;
import dev.zdm.flyway.internal.watch.Watch;
import dev.zdm.flyway.internal.watch.WatchOptions;
import java.sql.Connection;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * flyway-zdm's commands on a configured Flyway, for Maven goals ({@code mvn zdm:status}, {@code mvn zdm:verify}) and
 * applications:
 * <pre>
 * StatusReport status = ZdmCommands.of(flyway).status();
 * System.out.print(status.toText());
 * </pre>
 * Each command uses one connection from the configuration's data source and closes it.
 */
public final class ZdmCommands {
    private final Configuration configuration;

    private ZdmCommands(Configuration configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    public static ZdmCommands of(Configuration configuration) {
        return new ZdmCommands(configuration);
    }

    public static ZdmCommands of(Flyway flyway) {
        return new ZdmCommands(flyway.getConfiguration());
    }

    /**
     * Every migration with its state; for the pending SQL migrations the lint gate's verdict with live table sizes;
     * the backfills with their progress; the failed migrations and whether {@code migrate} continues them; the invalid
     * indexes. Read-only, and it takes no lock that waits: catalog and statistics reads, never a count of a user table.
     *
     * @throws FlywayException when the database cannot be reached or read
     */
    public StatusReport status() {
        return withConnection("status", connection -> StatusCollector.collect(configuration, connection));
    }

    /**
     * The data-integrity checks after migrations ran (docs/checks.md): no invalid index, no constraint left NOT VALID,
     * existing rows holding the NOT VALID CHECK and NOT NULL constraints, every batched backfill done, every
     * {@code -- zdm:verify <query>} of an applied migration true, no session blocked on a lock, no table sequentially
     * scanned since the migration ({@link #snapshotStatistics()}), no query on a touched table slower since then
     * (pg_stat_statements; unknown without it). Read-only: each check runs in a read-only transaction with a lock and a
     * statement timeout. {@link VerifyReport#passed()} is false when a check failed.
     *
     * @throws FlywayException when the database cannot be reached or read
     */
    public VerifyReport verify() {
        return verify(VerifyOptions.defaults());
    }

    /** {@link #verify()} with other thresholds for the query times (ZDV08). */
    public VerifyReport verify(VerifyOptions options) {
        return withConnection("verify", connection -> VerifyCollector.collect(configuration, connection, options));
    }

    /**
     * Records the statistics of the managed tables ({@code pg_stat_user_tables}: sequential and index scans, rows, valid
     * indexes) in {@code zdm_stats_snapshot}, and, when pg_stat_statements can be read, the application queries' calls
     * and times in {@code zdm_query_snapshot}, replacing the previous snapshot; {@link #verify()} (ZDV07, ZDV08) compares
     * the scans and query times since then. A migrate with flyway-zdm takes one by itself when it applies something on a database in use; call
     * this before a migrate run without the lint gate. Reads statistics and catalogs only; writes flyway-zdm's table.
     *
     * @return the number of tables recorded
     * @throws FlywayException when the database cannot be reached or written
     */
    public int snapshotStatistics() {
        return withConnection("snapshotStatistics", connection -> StatisticsSnapshot.take(configuration, connection, "snapshotStatistics"));
    }

    /**
     * {@code zdm:expand}: applies the pending migrations up to, not including, the first pending contract migration
     * ({@code -- zdm:phase=contract}, {@code @ZdmPhase(CONTRACT)}), even on an empty history, and says what it held back.
     * One deployer at a time per history: a second one waits up to {@code flyway.zdm.drain.deployerWait}, then refuses.
     *
     * @throws FlywayException a migration failed, or the database cannot be reached
     */
    public PhaseReport expand() {
        return withConnection("expand", connection -> PhaseCommands.expand(configuration, connection));
    }

    /** {@link #contract(String)} with only the configured evidence ({@code flyway.zdm.confirmDrained} included). */
    public PhaseReport contract() {
        return contract(null);
    }

    /**
     * {@code zdm:contract}: applies the held contract migrations once drain evidence holds (no old application session,
     * no statement on what they remove, the soak time or the operator's confirmation), recording the evidence with who
     * ran it; otherwise refuses, listing what is missing and how to provide it, and applies nothing.
     *
     * @param confirmDrained the operator's confirmation that no instance older than this version runs, or null
     * @throws dev.zdm.flyway.api.ZdmContractHeldException the evidence does not hold
     */
    public PhaseReport contract(String confirmDrained) {
        return withConnection("contract", connection -> PhaseCommands.contract(configuration, connection, confirmDrained));
    }

    /** {@link #rollback(RollbackOptions)} of every migration after the newest contract migration. */
    public RollbackReport rollback() {
        return rollback(RollbackOptions.defaults());
    }

    /**
     * Undoes the applied migrations newer than the newest contract migration (an unfinished expand), newest first, or
     * only those above {@link RollbackOptions#rollbackTo()}: each with its {@code -- zdm:rollback} section or its
     * {@code U<version>__*.sql} file, lock-safe (short lock timeouts with retries; {@code CONCURRENTLY} statements alone),
     * its history row deleted in the same transaction as its last statements, so the next {@code migrate} applies it
     * again. Holds the deploy lock and Flyway's history lock throughout. Refuses before changing anything when a migration
     * to undo has no rollback written. A run stopped half-way (error or kill) is continued by the next one.
     *
     * @throws ZdmMigrationException code {@code ROLLBACK_FAILED} (refused, or a statement failed: the message says which
     *                               and what was undone), or {@code DEPLOY_IN_PROGRESS}
     */
    public RollbackReport rollback(RollbackOptions options) {
        Connection connection = connection("rollback");
        try (connection) {
            return RollbackCommand.run(configuration, connection, options);
        } catch (SQLException e) {
            ZdmErrorCode code = e instanceof ZdmError z ? z.code() : ZdmErrorCode.ROLLBACK_FAILED;
            String message = e instanceof ZdmError ? e.getMessage() : "flyway-zdm zdm:rollback failed (SQL state " + e.getSQLState()
                    + ": " + e.getMessage() + "). What was undone before is recorded; run zdm:rollback again to continue.";
            throw new ZdmMigrationException(code, message, e);
        }
    }

    /** {@link #checklist(ChecklistOptions)} with the defaults. */
    public ChecklistReport checklist() {
        return checklist(ChecklistOptions.defaults());
    }

    /**
     * The "before running" checklist of the pending migrations (docs/checklist.md): tested on a production-size dataset
     * (the touched tables' sizes, the analyzer's reading of each statement, a recorded rehearsal), backwards compatible,
     * batched for large tables, indexes created concurrently, rollback plan ready; each ticked, unticked or unknown with
     * its evidence. Read-only against the configured database; without one ({@code flyway.url} unset) it reads the files
     * alone, every migration of the locations counting as pending and every size unknown.
     *
     * @throws FlywayException when the database cannot be reached or read
     */
    public ChecklistReport checklist(ChecklistOptions options) {
        Objects.requireNonNull(options, "options");
        if (configuration.getDataSource() == null) {
            return ChecklistCollector.offline(configuration, options);
        }
        return withConnection("checklist", connection -> ChecklistCollector.collect(configuration, connection, options));
    }

    /**
     * Rehearses the pending migrations on the configured database, which must be a restored copy of the target (never
     * the target itself: this applies them): records Flyway's checksums, the estimated rows of every existing table they
     * touch and each migration's time in {@code record}, the file {@link #checklist(ChecklistOptions)} reads through
     * {@link RehearsalFile}. The migrate-time lint gate is off for the run.
     *
     * @throws FlywayException when nothing is pending, a migration fails, or the record cannot be written
     */
    public Rehearsal rehearse(Path record) {
        Objects.requireNonNull(record, "record");
        return withConnection("rehearse", connection -> Rehearser.rehearse(configuration, connection, new RehearsalFile(record)));
    }

    /** {@link #backfill(BackfillAction)} with {@link BackfillAction#runPending()}. */
    public BackfillReport backfill() {
        return backfill(BackfillAction.runPending());
    }

    /**
     * Background backfill jobs (recorded by migrations marked {@code background}): run the pending ones to the end on this
     * thread (progress on logger {@code dev.zdm.core.backfill}; jobs another runner holds are waited for and taken over if
     * that runner dies; an interrupt stops between batches), or pause, resume, cancel or retry one, honoured by its runner
     * between two batches. The report lists the runs and every job afterwards.
     *
     * @throws FlywayException when the database cannot be reached; {@code BackfillJobRefusedException} when the control does
     *                         not apply to the job
     */
    public BackfillReport backfill(BackfillAction action) {
        return withConnection("backfill", connection -> BackfillJobCommand.run(configuration, connection, action));
    }

    private interface Command<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(String command, Command<T> work) {
        DataSource dataSource = configuration.getDataSource();
        if (dataSource == null) {
            throw new FlywayException("flyway-zdm " + command + ": no database configured. Set flyway.url (and flyway.user, "
                    + "flyway.password) as for flyway info.");
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            if (e instanceof dev.zdm.core.ZdmError) {
                throw new FlywayException(e.getMessage(), e); // already says what happened and what to do
            }
            throw new FlywayException("flyway-zdm " + command + " could not read the database (SQL state " + e.getSQLState() + ": "
                    + e.getMessage() + "). Nothing was changed; check the connection settings and that the user may read "
                    + "pg_catalog and the history table.", e);
        }
    }

    /** {@link #watch(WatchOptions)} every second until interrupted. */
    public Watch watch() {
        return watch(WatchOptions.defaults());
    }

    /**
     * A watch on the database while migrations run elsewhere: each {@link Watch#next()} returns the sessions blocked on
     * locks and who blocks them (those on the tables the pending SQL migrations touch first), the running backfills with
     * their rate, the index builds with their phase, and the idle or long transactions holding locks on touched tables.
     * It keeps one read-only connection from the configuration's data source until {@link Watch#close()}; its reads
     * never wait for a lock. When the pending migrations cannot be read, it watches the whole database.
     *
     * @throws FlywayException when the database cannot be reached or read
     */
    public Watch watch(WatchOptions options) {
        Connection connection = connection("watch");
        try {
            connection.setAutoCommit(true);
            String schema = HistorySchema.of(configuration, connection);
            List<RelationName> touched;
            try {
                touched = LiveLint.touchedRelations(configuration, LiveLint.migrations(configuration, connection));
            } catch (FlywayException e) {
                touched = List.of(); // no readable migrations: every blocked session of the database is shown anyway
            }
            return Watch.owning(connection, schema, touched, options);
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new FlywayException("flyway-zdm watch could not read the database (SQL state " + e.getSQLState() + ": "
                    + e.getMessage() + "). Nothing was changed; check the connection settings and that the user may read "
                    + "pg_catalog and pg_stat_activity.", e);
        }
    }

    private Connection connection(String command) {
        DataSource dataSource = configuration.getDataSource();
        if (dataSource == null) {
            throw new FlywayException("flyway-zdm " + command + ": no database configured. Set flyway.url (and flyway.user, "
                    + "flyway.password) as for flyway info.");
        }
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new FlywayException("flyway-zdm " + command + " could not connect (SQL state " + e.getSQLState() + ": "
                    + e.getMessage() + "); check flyway.url, flyway.user and flyway.password.", e);
        }
    }
}
