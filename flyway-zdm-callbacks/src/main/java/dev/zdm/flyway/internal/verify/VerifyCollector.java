package dev.zdm.flyway.internal.verify;

import dev.zdm.core.lock.SessionSetting;
import dev.zdm.core.report.Location;
import dev.zdm.flyway.internal.HistorySchema;
import dev.zdm.flyway.internal.gate.LiveLint;
import dev.zdm.flyway.internal.status.StatusCollector;
import dev.zdm.flyway.internal.verify.VerifyReport.CheckResult;
import dev.zdm.flyway.internal.verify.VerifyReport.Problem;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Runs every check of {@link Checks} on one connection and builds the {@link VerifyReport}. The session is read-only
 * ({@code default_transaction_read_only}) and each check reads in its own read-only transaction with timeouts
 * ({@link ReadOnlyTransaction}); a check that cannot read (a lock timeout, a missing privilege) is a failed check
 * with the error as its evidence, and the others still run.
 */
public final class VerifyCollector {
    /** The longest a row count or a {@code -- zdm:verify} query may run. */
    public static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(30);

    private VerifyCollector() {
    }

    public static VerifyReport collect(Configuration configuration, Connection connection) throws SQLException {
        return collect(configuration, connection, VerifyOptions.defaults());
    }

    public static VerifyReport collect(Configuration configuration, Connection connection, VerifyOptions options) throws SQLException {
        try (SessionSetting readOnly = SessionSetting.set(connection, "default_transaction_read_only", "on");
             SessionSetting lockWait = SessionSetting.timeout(connection, "lock_timeout", ReadOnlyTransaction.LOCK_WAIT)) {
            String schema = HistorySchema.of(configuration, connection);
            List<AppliedScript> applied = VerifyQueries.applied(configuration, LiveLint.migrations(configuration, connection));
            VerifyContext context = new VerifyContext(connection, StatusCollector.managedSchemas(configuration, schema), schema,
                    VerifyQueries.read(applied), STATEMENT_TIMEOUT, applied, options);
            List<CheckResult> results = new ArrayList<>();
            for (IntegrityCheck check : Checks.all()) {
                results.add(run(check, context));
            }
            String[] server = server(connection);
            return new VerifyReport(server[0], server[1], results);
        }
    }

    static CheckResult run(IntegrityCheck check, VerifyContext context) {
        try {
            CheckOutcome outcome = check.run(context);
            return new CheckResult(check.id(), check.name(), check.summary(), outcome.outcome(), outcome.evidence(),
                    outcome.problems());
        } catch (SQLException e) {
            return new CheckResult(check.id(), check.name(), check.summary(), dev.zdm.core.report.Outcome.FAILED, "could not be checked",
                    List.of(new Problem(Location.object("database", "database"), "the check's read failed (SQL state " + e.getSQLState() + ": " + e.getMessage() + ").",
                            "run zdm:verify again when no DDL holds the catalog or bookkeeping tables; check that the user may read them")));
        }
    }

    private static String[] server(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database(), current_setting('server_version')")) {
            rs.next();
            return new String[] {rs.getString(1), rs.getString(2)};
        }
    }
}
