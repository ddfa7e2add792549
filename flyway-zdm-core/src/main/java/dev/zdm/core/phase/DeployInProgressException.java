package dev.zdm.core.phase;

import dev.zdm.core.ZdmError;
import dev.zdm.core.ZdmErrorCode;
import dev.zdm.core.text.Durations;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/** Another deployer holds the {@link DeployLock} of the same history; nothing was applied. SQLSTATE {@code ZD003}. */
public final class DeployInProgressException extends SQLException implements ZdmError {
    DeployInProgressException(String command, String schema, List<String> holders, Duration waited) {
        super("flyway-zdm " + command + ": another deployer is running a phase command on the history in schema " + schema
                + " (" + (holders.isEmpty() ? "holder not visible to this user" : String.join(", ", holders)) + "); waited "
                + Durations.format(waited) + ". Nothing was applied. Wait for it to finish and run " + command
                + " again (it continues from what the other one did), or stop it if it is stuck: SELECT pg_terminate_backend(<pid>).",
                "ZD003");
    }

    @Override
    public ZdmErrorCode code() {
        return ZdmErrorCode.DEPLOY_IN_PROGRESS;
    }
}
