package dev.zdm.core.ddl;

import dev.zdm.core.lock.SqlStates;
import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.text.Durations;
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
        DdlRetry.run(s, attempt -> {
            long start = System.nanoTime();
            WatchedStatement.run(s, label, sql, s.options.waitTimeout());
            s.reporter.info(label + ": validated in " + Durations.format(Duration.ofNanos(System.nanoTime() - start)));
            return null;
        }, (e, failed) -> {
            if (e instanceof WaitedTooLong waited) {
                throw new DdlException(label + ": gave up after waiting " + Durations.format(waited.waited()) + " for its SHARE UPDATE "
                        + "EXCLUSIVE lock (held by VACUUM, ANALYZE, CREATE INDEX CONCURRENTLY or other DDL). In the way (pids " + waited.pids()
                        + "):" + waited.sessionsText() + "\nThe constraint stays NOT VALID (new rows are checked already). Run again when "
                        + "those sessions are done.\nStatement: " + sql, e);
            }
            if (violationState.equals(e.getSQLState())) {
                throw new DdlException(label + ": existing rows violate the constraint: " + SqlStates.describe(e)
                        + "\nThe constraint stays in place NOT VALID, so every new or updated row is already checked. What to do: "
                        + fixRowsHint + ", then run again to validate.\nStatement: " + sql, e);
            }
            if (Failures.connectionLost(s.connection, e) || !Failures.retryable(e) || failed.last()) {
                throw new DdlException(label + ": failed: " + SqlStates.describe(e) + "\nThe constraint stays NOT VALID; running "
                        + "again validates it.\nStatement: " + sql, e);
            }
            s.reporter.warn(label + ": failed on attempt " + failed.attempt() + " of " + failed.maxAttempts() + " (" + SqlStates.describe(e)
                    + "); retrying in " + Durations.format(failed.pause()));
        });
    }
}
