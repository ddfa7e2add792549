package dev.zdm.core.lock;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

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
    private Connection pidOf;
    private int pid;

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
        SavepointAttempts attempts = new SavepointAttempts(connection, policy.statementTimeout());
        return run(connection, attempts, work, attempts::lockTimeout);
    }

    /**
     * Runs one atomic statement's worth of {@code work} on an autocommit connection; the session's
     * timeouts are set for each attempt and put back afterwards.
     */
    public <T> T inAutocommit(Connection connection, Work<T> work) throws Exception {
        try (SessionSetting statementTimeout = SessionSetting.timeout(connection, "statement_timeout", policy.statementTimeout());
             SessionSetting lockTimeout = SessionSetting.timeout(connection, "lock_timeout", policy.lockTimeout())) {
            return run(connection, Attempts.NONE, work, lockTimeout::change);
        }
    }

    /**
     * Runs {@code work} on an autocommit connection in a transaction of its own, committed at the end of the attempt
     * (unless the work committed it already) and rolled back on contention. The statement timeout is the session's
     * (the caller's); each attempt SETs LOCAL its lock timeout, except when {@code sessionHasLockTimeout} says the
     * session's lock_timeout is already the policy's and the attempt uses that one (a round trip saved per statement).
     * For a statement and its bookkeeping that must commit together.
     */
    public <T> T inOwnTransaction(Connection connection, boolean sessionHasLockTimeout, Work<T> work) throws Exception {
        connection.setAutoCommit(false);
        try {
            return run(connection, Attempts.ownTransaction(connection), work, lockTimeoutUnlessSessionHasIt(connection, sessionHasLockTimeout));
        } catch (Exception e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * Runs {@code work} in the transaction open on the connection (autocommit off), which it leaves open on success;
     * on contention the whole transaction is rolled back, so the next attempt's {@code work} must redo everything the
     * transaction held (a group of statements replays them). Lock timeouts as in {@link #inOwnTransaction}.
     */
    public <T> T inOpenTransaction(Connection connection, boolean sessionHasLockTimeout, Work<T> work) throws Exception {
        return run(connection, Attempts.rollbackOnly(connection), work, lockTimeoutUnlessSessionHasIt(connection, sessionHasLockTimeout));
    }

    private LockTimeoutSetter lockTimeoutUnlessSessionHasIt(Connection connection, boolean sessionHasLockTimeout) {
        return timeout -> {
            if (!sessionHasLockTimeout || !timeout.equals(policy.lockTimeout())) {
                SessionSetting.setLocal(connection, "lock_timeout", timeout);
            }
        };
    }

    /** Applies the lock timeout of an attempt. */
    @FunctionalInterface
    private interface LockTimeoutSetter {
        void apply(Duration lockTimeout) throws SQLException;
    }

    /**
     * Each attempt a savepoint of the open transaction, opened in the same round trip as the attempt's SET LOCAL
     * timeouts (set before it, so that rolling back to it keeps them) and never released (COMMIT does that): one round
     * trip per attempt, where a savepoint object and separate settings cost four per migration.
     */
    private static final class SavepointAttempts implements Attempts {
        private final Connection connection;
        private final Duration statementTimeout;
        private Duration lockTimeout;

        SavepointAttempts(Connection connection, Duration statementTimeout) {
            this.connection = connection;
            this.statementTimeout = statementTimeout;
        }

        void lockTimeout(Duration timeout) {
            this.lockTimeout = timeout;
        }

        @Override
        public void begin() throws SQLException {
            Map<String, String> timeouts = new LinkedHashMap<>();
            timeouts.put("statement_timeout", SessionSetting.timeoutText(statementTimeout));
            timeouts.put("lock_timeout", SessionSetting.timeoutText(lockTimeout));
            SessionSetting.setLocalThen(connection, timeouts, "SAVEPOINT zdm_attempt");
        }

        @Override
        public void undo() throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.execute("ROLLBACK TO SAVEPOINT zdm_attempt");
            }
        }
    }

    /** How an attempt is opened, kept and undone. */
    private interface Attempts {
        Attempts NONE = new Attempts() { };

        default void begin() throws SQLException {
        }

        default void succeeded() throws SQLException {
        }

        default void undo() throws SQLException {
        }

        /** Attempts in the open transaction, which a failure rolls back whole. */
        static Attempts rollbackOnly(Connection connection) {
            return new Attempts() {
                @Override
                public void undo() throws SQLException {
                    connection.rollback();
                }
            };
        }

        /** Each attempt a transaction, committed when it succeeds. */
        static Attempts ownTransaction(Connection connection) {
            return new Attempts() {
                @Override
                public void succeeded() throws SQLException {
                    connection.commit();
                }

                @Override
                public void undo() throws SQLException {
                    connection.rollback();
                }
            };
        }
    }

    private <T> T run(Connection connection, Attempts attempts, Work<T> work, LockTimeoutSetter setLockTimeout) throws Exception {
        int pid = backendPid(connection);
        // the sessions that blocked the failed attempt, seen by the watch before its timeout fired
        AtomicReference<List<SessionInfo>> blockers = new AtomicReference<>(List.of());
        Retry.Schedule schedule = new Retry.Schedule(policy.maxAttempts(), policy.maxTotalWait(), policy::pauseAfter);
        return Retry.run(schedule, Exception.class, attempt -> {
            Duration lockTimeout = policy.lockTimeoutFor(attempt);
            setLockTimeout.apply(lockTimeout);
            attempts.begin();
            watch.arm(pid, lockTimeout.dividedBy(2), lockTimeout.dividedBy(4));
            try {
                T result = work.run();
                attempts.succeeded();
                watch.disarm();
                return result;
            } catch (Exception failure) {
                blockers.set(watch.disarm());
                throw failure;
            }
        }, (failure, failed) -> {
            if (!SqlStates.isRetryableContention(failure)) {
                throw failure;
            }
            undo(attempts, failure);
            if (failed.last()) {
                throw new ContentionExhaustedException(failed.attempt(), failed.elapsed(), blockers.get(),
                        watch.suspects(pid, failed.elapsed()), failure);
            }
            listener.retrying(failed.attempt(), SqlStates.of(failure).orElse(""), blockers.get(), failed.pause(),
                    policy.lockTimeoutFor(failed.attempt() + 1));
        });
    }

    private static void undo(Attempts attempts, Exception failure) throws Exception {
        try {
            attempts.undo();
        } catch (SQLException e) {
            failure.addSuppressed(e);
            throw failure;
        }
    }

    /** The backend pid of {@code connection}, asked once per connection (every statement of a migration would ask again). */
    private synchronized int backendPid(Connection connection) throws SQLException {
        if (connection != pidOf) {
            pid = Sessions.backendPid(connection);
            pidOf = connection;
        }
        return pid;
    }
}
