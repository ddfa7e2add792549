package dev.zdm.core.ddl;

import dev.zdm.core.lock.Backoff;
import dev.zdm.core.lock.SessionInfo;
import dev.zdm.core.lock.Sessions;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a DDL statement that takes a strong lock for an instant (ACCESS EXCLUSIVE or SHARE ROW EXCLUSIVE, no
 * scan) so that it can never queue traffic behind it for long: a short {@code lock_timeout}, and on SQLSTATE
 * 55P03 a retry after exponential backoff with full jitter, a bounded number of times.
 */
final class ShortLockDdl {
    private ShortLockDdl() {
    }

    /**
     * Executes {@code sql} in its own transaction (autocommit). {@code relationOids} are the tables it locks, used to
     * name the sessions in the way when the retries run out.
     */
    static void run(DdlSession session, String sql, long... relationOids) throws SQLException {
        DdlOptions o = session.options;
        int attempts = o.lockRetries() + 1;
        try (SessionSetting lockTimeout = SessionSetting.millis(session.connection, "lock_timeout", o.lockTimeout().toMillis())) {
            for (int attempt = 1; ; attempt++) {
                try (Statement s = session.connection.createStatement()) {
                    session.reporter.info("running " + sql + (attempt > 1 ? " (attempt " + attempt + " of " + attempts + ")" : ""));
                    s.execute(sql);
                    return;
                } catch (SQLException e) {
                    if (!Failures.LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                        throw e;
                    }
                    if (attempt >= attempts) {
                        throw exhausted(session, sql, attempts, relationOids, e);
                    }
                    Duration delay = Backoff.delay(o.retryBaseDelay(), o.retryMaxDelay(), attempt);
                    session.reporter.warn(sql + ": lock not granted within lock_timeout " + HumanDuration.of(o.lockTimeout())
                            + " (attempt " + attempt + " of " + attempts + "); retrying in " + delay.toMillis() + "ms"
                            + holders(session, relationOids));
                    Failures.pauseBeforeRetry(delay);
                }
            }
        }
    }

    private static DdlException exhausted(DdlSession session, String sql, int attempts, long[] relationOids, SQLException e) {
        return new DdlException(sql + " could not get its lock: " + attempts + " attempts with lock_timeout "
                + HumanDuration.of(session.options.lockTimeout()) + " each all timed out (" + Failures.describe(e) + ")."
                + holders(session, relationOids)
                + "\nNothing was changed by this statement. Run again when those sessions are done, end them "
                + "(SELECT pg_terminate_backend(pid)), or allow more lock retries.", e);
    }

    /** The sessions holding locks on the relations right now, for the message; empty when unknown. */
    private static String holders(DdlSession session, long[] relationOids) {
        if (relationOids.length == 0) {
            return "";
        }
        try {
            List<SessionInfo> holders = new ArrayList<>();
            for (int pid : session.catalog.lockHolders(relationOids)) {
                SessionInfo info = Sessions.of(session.connection, pid);
                if (info != null) {
                    holders.add(info);
                }
            }
            return holders.isEmpty() ? "" : " Sessions holding locks on the table now:" + Sessions.describe(holders);
        } catch (SQLException ignored) {
            return "";
        }
    }
}
