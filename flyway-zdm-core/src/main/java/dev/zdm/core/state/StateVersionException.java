package dev.zdm.core.state;

import dev.zdm.core.ZdmError;
import dev.zdm.core.ZdmErrorCode;
import java.sql.SQLException;

/**
 * The extension's tables are in a layout this flyway-zdm cannot use: written by a newer flyway-zdm, or an upgrade
 * failed. An {@link SQLException} (SQLSTATE {@value #SQL_STATE}) so that it travels the paths database errors take.
 */
public final class StateVersionException extends SQLException implements ZdmError {
    /** flyway-zdm's own SQLSTATE class "ZD"; 002: its tables' layout (001 is a failed backfill). */
    public static final String SQL_STATE = "ZD002";

    StateVersionException(String message, Throwable cause) {
        super(message, SQL_STATE, cause);
    }

    @Override
    public ZdmErrorCode code() {
        return ZdmErrorCode.STATE_INCOMPATIBLE;
    }
}
