package dev.zdm.flyway.api;

import dev.zdm.core.ZdmError;
import dev.zdm.core.ZdmErrorCode;
import org.flywaydb.core.api.FlywayException;

/**
 * A contract migration was held back: drain evidence that the old application is gone does not hold yet. The message
 * lists each missing piece of evidence and how to provide it. Nothing of the contract was applied.
 */
public class ZdmContractHeldException extends FlywayException implements ZdmError {
    public ZdmContractHeldException(String message) {
        super(message);
    }

    @Override
    public ZdmErrorCode code() {
        return ZdmErrorCode.CONTRACT_HELD;
    }
}
