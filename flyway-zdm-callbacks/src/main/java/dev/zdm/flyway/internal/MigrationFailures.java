package dev.zdm.flyway.internal;

import dev.zdm.core.ZdmErrorCode;
import dev.zdm.core.lock.ContentionExhaustedException;
import dev.zdm.core.lock.SessionInfo;
import dev.zdm.core.lock.Sessions;
import dev.zdm.core.lock.SqlStates;
import dev.zdm.flyway.api.ZdmMigrationException;
import org.flywaydb.core.api.FlywayException;

/** The messages a user reads when the lock-safe runner gives up: what, where, who, and what to do next. */
public final class MigrationFailures {
    private MigrationFailures() {
    }

    /** Retries ran out. {@code transactional}: every attempt was rolled back, so nothing was applied. */
    public static FlywayException contention(MigrateRun run, ContentionExhaustedException e, boolean transactional) {
        StringBuilder m = new StringBuilder();
        m.append("Migration ").append(run.migration()).append(" could not get its locks: ").append(e.getMessage()).append('.');
        appendStatement(m, run);
        if (!e.blockers().isEmpty()) {
            m.append("\nBlocked by:").append(Sessions.describe(e.blockers()));
        } else if (!e.suspects().isEmpty()) {
            m.append("\nBlocked by: no session was caught in the act; these held table locks in a transaction for the whole wait"
                    + " (the likely blockers):").append(Sessions.describe(e.suspects()));
        } else {
            m.append("\nBlocked by: no session was caught holding the lock (it was released between samples; look for frequent"
                    + " long queries on the table)");
        }
        if (transactional) {
            m.append("\nNothing was applied: every attempt was rolled back and no row was written to flyway_schema_history.");
        } else {
            m.append("\nThis statement was not applied; statements before it in this non-transactional migration are.");
        }
        m.append("\nWhat to do: end the blocking session(s) or wait for them");
        if (!e.likelyBlockers().isEmpty()) {
            m.append(" (").append(terminateHint(e)).append(" if one is stuck)");
        }
        m.append(", then run migrate again. To wait longer raise flyway.zdm.lockRetries or flyway.zdm.lockRetryMaxWait"
                + " (now ").append(run.settings().lock().retries()).append(" retries within ")
                .append(ZdmSettings.written(run.settings().lock().retryMaxWait())).append("); flyway.zdm.lockTimeoutMax lets the lock timeout grow per retry if longer stalls of other queries are acceptable.");
        return new ZdmMigrationException(ZdmErrorCode.LOCK_CONTENTION_EXHAUSTED, m.toString(), e);
    }

    /** statement_timeout cancelled a statement (SQLSTATE 57014). */
    public static FlywayException statementTimeout(MigrateRun run, Throwable cause, boolean transactional) {
        StringBuilder m = new StringBuilder();
        m.append("Migration ").append(run.migration()).append(": a statement ran longer than flyway.zdm.statementTimeout=")
                .append(ZdmSettings.written(run.settings().lock().statementTimeout())).append(" and PostgreSQL cancelled it (SQLSTATE 57014).");
        appendStatement(m, run);
        m.append(transactional
                ? "\nNothing was applied: the migration's transaction was rolled back and no row was written to flyway_schema_history."
                : "\nThis statement was not applied; statements before it in this non-transactional migration are.");
        m.append("\nWhat to do: a statement that runs this long holds its locks as long. If it changes many rows, batch it"
                + " (extend dev.zdm.flyway.BatchedBackfillMigration, or put `-- zdm:batched key=id` before the UPDATE/DELETE);"
                + " if it rewrites a table, use the safe form zdm:lint suggests. If the duration is expected and the table is"
                + " not in use, raise flyway.zdm.statementTimeout for this run (0 = none).");
        return new ZdmMigrationException(ZdmErrorCode.STATEMENT_TIMEOUT, m.toString(), cause);
    }

    /** Rewraps a failure of a migration attempt in the message the user should see, or returns null to pass it on. */
    public static RuntimeException explain(MigrateRun run, Throwable failure, boolean transactional) {
        if (failure instanceof ZdmMigrationException) {
            return null;
        }
        if (failure instanceof ContentionExhaustedException e) {
            return contention(run, e, transactional);
        }
        if (SqlStates.is(failure, SqlStates.QUERY_CANCELED) && mentionsStatementTimeout(failure) && run.settings().lock().statementTimeout() != null) {
            return statementTimeout(run, failure, transactional);
        }
        return null;
    }

    /** 57014 is also "canceling statement due to user request" (pg_cancel_backend): only a timeout is ours to explain. */
    private static boolean mentionsStatementTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("statement timeout")) {
                return true;
            }
        }
        return false;
    }

    private static void appendStatement(StringBuilder m, MigrateRun run) {
        if (run.statement() != null) {
            m.append("\nStatement: ").append(run.statement());
        }
    }

    private static String terminateHint(ContentionExhaustedException e) {
        SessionInfo first = e.likelyBlockers().get(0);
        return "SELECT pg_terminate_backend(" + first.pid() + ")";
    }
}
