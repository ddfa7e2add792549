package dev.zdm.flyway.api;

import dev.zdm.core.ZdmError;
import dev.zdm.core.ZdmErrorCode;
import java.sql.SQLException;

/**
 * An operation migration ({@code dev.zdm.flyway.ZdmOperationsMigration}) could not apply, contract or undo its
 * operations, or its class could not be used. An {@link SQLException} on purpose: Flyway shows an SQLException's message
 * from a Java migration, and a bare "Migration failed !" for anything else. The SQLSTATE is PostgreSQL's when a statement
 * failed (the message names it), else none. {@link #code()}: {@code DDL_FAILED} when a step failed, {@code ROLLBACK_FAILED}
 * when an undo failed or was refused, else {@code MIGRATION_FAILED} (the class is missing or declares nothing usable).
 */
public class OperationMigrationException extends SQLException implements ZdmError {
    private final ZdmErrorCode code;

    public OperationMigrationException(ZdmErrorCode code, String message, Throwable cause) {
        super(message, cause instanceof SQLException e ? e.getSQLState() : null, cause);
        this.code = code;
    }

    @Override
    public ZdmErrorCode code() {
        return code;
    }
}
