package dev.zdm.core.lock;

import dev.zdm.core.ZdmError;
import dev.zdm.core.ZdmErrorCode;
import dev.zdm.core.text.Durations;
import java.time.Duration;
import java.util.List;

/**
 * The work met lock contention (lock timeout, deadlock or serialization failure) on every attempt the
 * {@link LockPolicy} allowed. Nothing of it was applied: each attempt was rolled back.
 */
public class ContentionExhaustedException extends RuntimeException implements ZdmError {
    private final int attempts;
    private final Duration elapsed;
    private final List<SessionInfo> blockers;
    private final List<SessionInfo> suspects;
    private final String sqlState;

    public ContentionExhaustedException(int attempts, Duration elapsed, List<SessionInfo> blockers, Throwable lastFailure) {
        this(attempts, elapsed, blockers, List.of(), lastFailure);
    }

    /**
     * @param suspects sessions that held table locks in a transaction throughout the attempts, read after the last one:
     *                 the likely blockers when {@code blockers} is empty
     */
    public ContentionExhaustedException(int attempts, Duration elapsed, List<SessionInfo> blockers, List<SessionInfo> suspects,
                                        Throwable lastFailure) {
        super(summary(attempts, elapsed, lastFailure), lastFailure);
        this.attempts = attempts;
        this.elapsed = elapsed;
        this.blockers = List.copyOf(blockers);
        this.suspects = List.copyOf(suspects);
        this.sqlState = SqlStates.of(lastFailure).orElse(null);
    }

    private static String summary(int attempts, Duration elapsed, Throwable lastFailure) {
        return "gave up after " + attempts + " attempt(s) in " + Durations.format(elapsed) + ": "
                + describe(SqlStates.of(lastFailure).orElse(""));
    }

    /** What the SQLSTATE means, in a few words. */
    public static String describe(String sqlState) {
        return switch (sqlState) {
            case SqlStates.LOCK_NOT_AVAILABLE -> "lock_timeout expired while waiting for a lock (SQLSTATE 55P03)";
            case SqlStates.DEADLOCK_DETECTED -> "deadlock detected, PostgreSQL aborted the migration (SQLSTATE 40P01)";
            case SqlStates.SERIALIZATION_FAILURE -> "serialization failure (SQLSTATE 40001)";
            default -> "SQLSTATE " + sqlState;
        };
    }

    public int attempts() {
        return attempts;
    }

    public Duration elapsed() {
        return elapsed;
    }

    /** The sessions last seen blocking the work (may be empty when none was caught in the act). */
    public List<SessionInfo> blockers() {
        return blockers;
    }

    /** Sessions in a transaction that held table locks for the whole wait, read after the last attempt (may be empty). */
    public List<SessionInfo> suspects() {
        return suspects;
    }

    /** Who to name: the blockers caught in the act, else the suspects. */
    public List<SessionInfo> likelyBlockers() {
        return blockers.isEmpty() ? suspects : blockers;
    }

    public String sqlState() {
        return sqlState;
    }

    @Override
    public ZdmErrorCode code() {
        return ZdmErrorCode.LOCK_CONTENTION_EXHAUSTED;
    }
}
