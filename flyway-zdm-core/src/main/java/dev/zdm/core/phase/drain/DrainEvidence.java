package dev.zdm.core.phase.drain;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Evaluates the drain evidence for one held contract migration: sessions, statements, soak, confirmation (in that
 * order), each read now. Reads only; inside the caller's transaction the pg_stat_statements probe runs in a savepoint,
 * so a server without the module does not abort the transaction.
 * <pre>
 * DrainVerdict verdict = DrainEvidence.evaluate(connection, policy, subject, Instant.now());
 * if (!verdict.drained()) {
 *     throw new ...(verdict.describe());
 * }
 * </pre>
 */
public final class DrainEvidence {
    private DrainEvidence() {
    }

    public static DrainVerdict evaluate(Connection connection, DrainPolicy policy, DrainSubject subject, Instant now)
            throws SQLException {
        return new DrainVerdict(List.of(
                SessionEvidence.evaluate(connection, policy),
                StatementEvidence.evaluate(connection, subject),
                SoakEvidence.evaluate(policy, subject, now),
                ConfirmationEvidence.evaluate(policy, subject)));
    }
}
