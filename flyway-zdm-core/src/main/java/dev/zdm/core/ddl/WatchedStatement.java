package dev.zdm.core.ddl;

import dev.zdm.core.lock.SessionSetting;
import dev.zdm.core.text.Durations;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Runs a statement that may wait a long time without harming traffic (concurrent index build or drop,
 * VALIDATE CONSTRAINT) under a {@link WaitWatch}: no lock_timeout (the watch decides when waiting has lasted too
 * long), the build timeout as statement_timeout, both restored afterwards.
 */
final class WatchedStatement {
    private WatchedStatement() {
    }

    /**
     * Executes {@code sql}; throws {@link WaitedTooLong} when the watch cancelled it, a {@link DdlException} when it
     * ran into the build timeout, or PostgreSQL's error.
     */
    static void run(DdlSession session, String label, String sql, Duration waitBudget) throws SQLException {
        Duration buildTimeout = session.options.buildTimeout();
        session.reporter.info(label + ": running " + sql);
        long start = System.nanoTime();
        try (SessionSetting lockTimeout = SessionSetting.set(session.connection, "lock_timeout", "0");
             SessionSetting statementTimeout = SessionSetting.millis(session.connection, "statement_timeout", buildTimeout.toMillis())) {
            WaitWatch watch = WaitWatch.start(session, label, waitBudget);
            try (Statement s = session.connection.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                watch.close();
                if (watch.gaveUp()) {
                    throw new WaitedTooLong(label, watch.inTheWay(), watch.waited(), e);
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                if ("57014".equals(e.getSQLState()) && !buildTimeout.isZero() && elapsed.compareTo(buildTimeout.multipliedBy(9).dividedBy(10)) >= 0) {
                    throw new DdlException(label + " ran into its timeout of " + Durations.format(buildTimeout)
                            + " (statement_timeout, the build timeout) after " + Durations.format(elapsed)
                            + ". Raise the build timeout or set it to 0 (none) and run again.", e);
                }
                throw e;
            } finally {
                watch.close();
            }
        }
    }
}
