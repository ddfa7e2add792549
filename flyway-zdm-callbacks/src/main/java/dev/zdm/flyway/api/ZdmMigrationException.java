package dev.zdm.flyway.api;

import dev.zdm.core.ZdmError;
import dev.zdm.core.ZdmErrorCode;
import org.flywaydb.core.api.FlywayException;

/** A migration failure flyway-zdm has already explained to the user (what, where, who, what next): pass it on as is. */
public class ZdmMigrationException extends FlywayException implements ZdmError {
    private final ZdmErrorCode code;

    public ZdmMigrationException(String message, Throwable cause) {
        this(ZdmErrorCode.MIGRATION_FAILED, message, cause);
    }

    public ZdmMigrationException(ZdmErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    @Override
    public ZdmErrorCode code() {
        return code;
    }
}
