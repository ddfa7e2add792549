package dev.zdm.flyway.api;

import dev.zdm.core.ZdmError;
import dev.zdm.core.ZdmErrorCode;
import org.flywaydb.core.api.FlywayException;

/** The migrate-time lint gate refused to start: a pending migration would lock, rewrite, break or fail. Nothing was applied. */
public class ZdmLintGateException extends FlywayException implements ZdmError {
    public ZdmLintGateException(String message) {
        super(message);
    }

    @Override
    public ZdmErrorCode code() {
        return ZdmErrorCode.LINT_GATE_REFUSED;
    }
}
