package dev.zdm.flyway.internal;

import org.flywaydb.core.api.FlywayException;

/** A migration failure flyway-zdm has already explained to the user (what, where, who, what next): pass it on as is. */
public class ZdmMigrationException extends FlywayException {
    public ZdmMigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
