package dev.zdm.core.lock;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.List;

/**
 * Runs work that takes locks so that it never stalls other sessions for longer than the lock timeout:
 * each attempt runs with a short lock_timeout; on lock contention (55P03, 40P01, 40001) the attempt is
 * undone, the blockers are reported, and after a jittered pause the work is tried again, within the
 * {@link LockPolicy}'s limits.
 *
 * <p>Inside a transaction ({@link #inTransaction}) an attempt is a savepoint: rolling back to it undoes
 * the attempt and releases every lock it took, so nothing is held between attempts. Outside a
 * transaction ({@link #inAutocommit}) the work must be one atomic statement: PostgreSQL undid it already.
 */
public final class LockRetry {

    /** The work; it may throw anything, the original failure is passed on when it is not retried. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws Exception;
    }

    /** Told about each retry, to log it. */
    @FunctionalInterface
    public interface Listener {
        void retrying(int failedAttempt, String sqlState, List<SessionInfo> blockers, Duration pause, Duration nextLockTimeout);
    }

    private final LockPolicy policy;
    private final BlockerWatch watch;
    private final Listener listener;

    public LockRetry(LockPolicy policy, BlockerWatch watch, Listener listener) {
        this.policy = policy;
        this.watch = watch;
        this.listener = listener;
    }

    public LockPolicy policy() {
        return policy;
    }

    /** Runs {@code work} in the connection's open transaction, one savepoint per attempt, timeouts SET LOCAL. */
    public <T> T inTransaction(Connection connection, Work<T> work) throws Exception {
        return run(connection, true, work);
    }

    /**
     * Runs one atomic statement's worth of {@code work} on an autocommit connection; the session's
     * timeouts are set for each attempt and put back afterwards.
     */
    public <T> T inAutocommit(Connection connection, Work<T> work) throws Exception {
        SessionTimeouts previous = SessionTimeouts.remember(connection);
        try {
            return run(connection, false, work);
        } finally {
            previous.restore(connection);
        }
    }

    private <T> T run(Connection connection, boolean transactional, Work<T> work) throws Exception {
        long start = System.nanoTime();
        int pid = Sessions.backendPid(connection);
        SessionTimeouts.statementTimeout(connection, policy.statementTimeout(), transactional);
        for (int attempt = 1; ; attempt++) {
            Duration lockTimeout = policy.lockTimeoutFor(attempt);
            SessionTimeouts.lockTimeout(connection, lockTimeout, transactional);
            Savepoint savepoint = transactional ? connection.setSavepoint() : null;
            watch.arm(pid, lockTimeout.dividedBy(2), lockTimeout.dividedBy(4));
            try {
                T result = work.run();
                watch.disarm();
                if (savepoint != null) {
                    connection.releaseSavepoint(savepoint);
                }
                return result;
            } catch (Exception failure) {
                List<SessionInfo> blockers = watch.disarm();
                if (!SqlStates.isRetryableContention(failure)) {
                    throw failure;
                }
                if (savepoint != null) {
                    rollbackTo(connection, savepoint, failure);
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                Duration pause = policy.pauseAfter(attempt);
                if (attempt >= policy.maxAttempts() || elapsed.plus(pause).compareTo(policy.maxTotalWait()) > 0) {
                    throw new ContentionExhaustedException(attempt, elapsed, blockers, failure);
                }
                listener.retrying(attempt, SqlStates.of(failure).orElse(""), blockers, pause, policy.lockTimeoutFor(attempt + 1));
                sleep(pause);
            }
        }
    }

    private static void rollbackTo(Connection connection, Savepoint savepoint, Exception failure) throws Exception {
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            failure.addSuppressed(e);
            throw failure;
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
