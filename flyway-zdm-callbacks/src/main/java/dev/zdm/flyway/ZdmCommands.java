package dev.zdm.flyway;

import dev.zdm.core.backfill.BackfillAction;
import dev.zdm.core.backfill.BackfillReport;
import dev.zdm.core.sql.RelationName;
import dev.zdm.flyway.internal.HistorySchema;
import dev.zdm.flyway.internal.backfill.BackfillJobCommand;
import dev.zdm.flyway.internal.gate.LiveLint;
import dev.zdm.flyway.internal.status.StatusCollector;
import dev.zdm.flyway.internal.status.StatusReport;
import dev.zdm.flyway.internal.verify.VerifyCollector;
import dev.zdm.flyway.internal.verify.VerifyReport;
import dev.zdm.flyway.internal.watch.Watch;
import dev.zdm.flyway.internal.watch.WatchOptions;
import java.sql.Connection;
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
     * {@code -- zdm:verify <query>} of an applied migration true. Read-only: each check runs in a read-only
     * transaction with a lock and a statement timeout. {@link VerifyReport#passed()} is false when a check failed.
     *
     * @throws FlywayException when the database cannot be reached or read
     */
    public VerifyReport verify() {
        return withConnection("verify", connection -> VerifyCollector.collect(configuration, connection));
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
