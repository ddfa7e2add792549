package dev.zdm.core.ddl;

import dev.zdm.core.lock.Backoff;
import dev.zdm.core.lock.SqlStates;
import dev.zdm.core.sql.Identifiers;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The two steps every constraint operation shares: add it {@code NOT VALID} (a strong lock for an instant, no
 * scan; from then on every new or updated row is checked) and {@code VALIDATE CONSTRAINT} in its own transaction
 * (the scan, under SHARE UPDATE EXCLUSIVE, which blocks neither reads nor writes). Each step is skipped when the
 * catalog shows it done, so a re-run after a crash at any point finishes the job.
 */
final class NotValidThenValidate {
    private NotValidThenValidate() {
    }

    /**
     * Adds the constraint with {@code addNotValidSql} unless it exists, then validates it unless it is valid.
     *
     * @param type           expected pg_constraint.contype
     * @param lockedOids     the tables the ADD locks (for the "who is in the way" message)
     * @param violationState the SQLSTATE of a row that fails the check
     */
    static void apply(DdlSession s, Catalog.Table table, String name, char type, String addNotValidSql, long[] lockedOids,
                      String violationState, String fixRowsHint) throws SQLException {
        String label = "constraint " + Identifiers.quote(name) + " on " + table.qualified();
        Optional<Catalog.Constraint> found = s.catalog.constraint(table.oid(), name);
        if (found.isPresent() && found.get().type() != type) {
            throw new DdlException(label + ": a constraint of that name but of another kind already exists on the table; "
                    + "choose another name.");
        }
        if (found.isEmpty()) {
            ShortLockDdl.run(s, addNotValidSql, lockedOids);
        } else if (found.get().validated()) {
            s.reporter.info(label + ": already exists and is validated; nothing to do");
            return;
        } else {
            s.reporter.info(label + ": exists NOT VALID (an earlier run stopped before validating it); validating now");
        }
        validate(s, table, name, violationState, fixRowsHint);
    }

    /** {@code ALTER TABLE t VALIDATE CONSTRAINT c}, watched (its lock wait is bounded) and retried on contention. */
    static void validate(DdlSession s, Catalog.Table table, String name, String violationState, String fixRowsHint) throws SQLException {
        String sql = "ALTER TABLE " + table.qualified().quoted() + " VALIDATE CONSTRAINT " + Identifiers.quote(name);
        String label = "validate constraint " + Identifiers.quote(name) + " on " + table.qualified();
        int attempts = s.options.buildRetries() + 1;
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            try {
                WatchedStatement.run(s, label, sql, s.options.waitTimeout());
                s.reporter.info(label + ": validated in " + HumanDuration.of(Duration.ofNanos(System.nanoTime() - start)));
                return;
            } catch (WaitedTooLong e) {
                throw new DdlException(label + ": gave up after waiting " + HumanDuration.of(e.waited()) + " for its SHARE UPDATE "
                        + "EXCLUSIVE lock (held by VACUUM, ANALYZE, CREATE INDEX CONCURRENTLY or other DDL). In the way (pids " + e.pids()
                        + "):" + e.sessionsText() + "\nThe constraint stays NOT VALID (new rows are checked already). Run again when "
                        + "those sessions are done.\nStatement: " + sql, e);
            } catch (SQLException e) {
                if (violationState.equals(e.getSQLState())) {
                    throw new DdlException(label + ": existing rows violate the constraint: " + SqlStates.describe(e)
                            + "\nThe constraint stays in place NOT VALID, so every new or updated row is already checked. What to do: "
                            + fixRowsHint + ", then run again to validate.\nStatement: " + sql, e);
                }
                if (Failures.connectionLost(s.connection, e) || !Failures.retryable(e) || attempt >= attempts) {
                    throw new DdlException(label + ": failed: " + SqlStates.describe(e) + "\nThe constraint stays NOT VALID; running "
                            + "again validates it.\nStatement: " + sql, e);
                }
                Duration delay = Backoff.delay(s.options.retryBaseDelay(), s.options.retryMaxDelay(), attempt);
                s.reporter.warn(label + ": failed on attempt " + attempt + " of " + attempts + " (" + SqlStates.describe(e)
                        + "); retrying in " + delay.toMillis() + "ms");
                Failures.pauseBeforeRetry(delay);
            }
        }
    }
}
