package dev.zdm.flyway.internal;

import org.flywaydb.core.api.FlywayException;

/** A {@code flyway.zdm.*} setting is unknown or has a value flyway-zdm cannot read. Nothing has been applied. */
public class ZdmConfigurationException extends FlywayException {
    public ZdmConfigurationException(String message) {
        super(message);
    }
}
