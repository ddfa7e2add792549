package dev.zdm.core.state;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One forward step of the layout of the extension's tables. A step must be idempotent (it may find its work done by
 * an older flyway-zdm that created tables "if missing") and must never lose data: it adds, it does not drop what holds rows.
 *
 * @param version     the state version the step leads to (1, 2, ...; consecutive)
 * @param description what the step does, for logs and errors
 * @param change      the step; runs inside the upgrade's transaction, as the session user
 */
public record StateMigration(int version, String description, Change change) {
    /** The work of a step. */
    @FunctionalInterface
    public interface Change {
        void apply(Connection connection, String schema) throws SQLException;
    }
}
