package dev.zdm.core.ddl;

import dev.zdm.core.lock.Retry;
import java.sql.SQLException;

/**
 * The retries of a watched statement (concurrent build, drop, reindex, validation) on the one retry loop,
 * {@link Retry}: {@link DdlOptions#buildRetries()} retries with full-jitter backoff between the options' delays.
 */
final class DdlRetry {
    private DdlRetry() {
    }

    /** {@link Retry#run} on the session's build-retry schedule; an interrupt while pausing ends the operation. */
    static <T> T run(DdlSession s, Retry.Attempt<T, SQLException> attempt, Retry.Judge<SQLException> judge) throws SQLException {
        Retry.Schedule schedule = Retry.Schedule.retries(s.options.buildRetries(), s.options.retryBaseDelay(), s.options.retryMaxDelay());
        try {
            return Retry.run(schedule, attempt, judge);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof InterruptedException) {
                throw new DdlException("interrupted while waiting to retry");
            }
            throw e;
        }
    }
}
