package dev.zdm.core.state;

import java.sql.SQLException;

/**
 * The extension's tables are in a layout this flyway-zdm cannot use: written by a newer flyway-zdm, or an upgrade
 * failed. An {@link SQLException} (SQLSTATE {@value #SQL_STATE}) so that it travels the paths database errors take.
 */
public final class StateVersionException extends SQLException {
    /** flyway-zdm's own SQLSTATE class "ZD", 01: state version. */
    public static final String SQL_STATE = "ZD001";

    StateVersionException(String message, Throwable cause) {
        super(message, SQL_STATE, cause);
    }
}
