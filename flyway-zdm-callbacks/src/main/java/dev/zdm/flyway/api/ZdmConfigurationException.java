package dev.zdm.flyway.api;

import dev.zdm.core.ZdmError;
import dev.zdm.core.ZdmErrorCode;
import org.flywaydb.core.api.FlywayException;

/**
 * A {@code flyway.zdm.*} setting is unknown or has a value flyway-zdm refuses (unreadable, negative, zero where zero
 * means nothing sensible, absurdly large). Thrown when a command connects, before anything is applied.
 */
public class ZdmConfigurationException extends FlywayException implements ZdmError {
    public ZdmConfigurationException(String message) {
        super(message);
    }

    @Override
    public ZdmErrorCode code() {
        return ZdmErrorCode.CONFIGURATION_INVALID;
    }
}
