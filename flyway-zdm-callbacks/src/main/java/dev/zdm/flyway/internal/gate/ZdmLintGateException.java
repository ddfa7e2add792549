package dev.zdm.flyway.internal.gate;

import org.flywaydb.core.api.FlywayException;

/** The migrate-time lint gate refused to start: a pending migration would lock, rewrite, break or fail. Nothing was applied. */
public class ZdmLintGateException extends FlywayException {
    public ZdmLintGateException(String message) {
        super(message);
    }
}
