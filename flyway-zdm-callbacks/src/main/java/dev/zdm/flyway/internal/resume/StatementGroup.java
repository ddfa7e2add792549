package dev.zdm.flyway.internal.resume;

import dev.zdm.core.lock.LockRetry;
import dev.zdm.flyway.internal.resume.MigrationProgress.Step;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consecutive small data statements (INSERT, UPDATE, DELETE, MERGE) of a non-transactional migration, run in one
 * transaction that commits together with their records in {@link StatementProgress}. Plain Flyway commits each of them
 * on its own; one transaction per statement plus its record would cost a second round trip each, which a migration of
 * thousands of INSERTs pays several times over. A group ends after {@value #MAX_STATEMENTS} statements or
 * {@value #MAX_AGE_MILLIS} ms, before any other statement, and at the end of the migration, so row locks are held for
 * at most about that long and nothing else ever waits for the group.
 *
 * <p>Exactly once still holds: a crash loses the group's statements and their records together, and the next run
 * runs them again. On lock contention the transaction is rolled back and the group's statements are replayed in the
 * next attempt; a statement that fails for good rolls the group back with it (logged), and the next migrate runs them.
 */
public final class StatementGroup {
    private static final Logger LOG = LoggerFactory.getLogger(StatementGroup.class.getPackageName());
    static final int MAX_STATEMENTS = 100;
    static final long MAX_AGE_MILLIS = 50;

    private record Member(Step step, LockRetry.Work<?> statement) {
    }

    private final Connection connection;
    private final MigrationProgress progress;
    private final LockRetry retry;
    private final List<Member> members = new ArrayList<>();
    private long startedNanos;

    public StatementGroup(Connection connection, MigrationProgress progress, LockRetry retry) {
        this.connection = connection;
        this.progress = progress;
        this.retry = retry;
    }

    /**
     * Runs {@code statement} in the group's transaction (opening it if needed) and returns its result; commits the
     * group when it is full or old enough.
     *
     * @param sessionHasLockTimeout whether the session's lock_timeout is already the runner's (no SET LOCAL needed)
     */
    public <T> T run(Step step, boolean sessionHasLockTimeout, LockRetry.Work<T> statement) throws Exception {
        if (members.isEmpty()) {
            connection.setAutoCommit(false);
            startedNanos = System.nanoTime();
        }
        boolean[] replay = {false};
        T result;
        try {
            result = retry.inOpenTransaction(connection, sessionHasLockTimeout, () -> {
                if (replay[0]) {
                    for (Member m : members) {
                        m.statement().run(); // the rollback undid them: this attempt holds them again
                    }
                }
                replay[0] = true;
                return statement.run();
            });
        } catch (Exception e) {
            try {
                rollBack(step);
            } catch (SQLException rollback) {
                e.addSuppressed(rollback); // the connection is likely gone; the failure that matters is e
            }
            throw e;
        }
        members.add(new Member(step, statement));
        if (members.size() >= MAX_STATEMENTS || System.nanoTime() - startedNanos >= MAX_AGE_MILLIS * 1_000_000) {
            commit();
        }
        return result;
    }

    /** Commits the open group with the records of its statements (one round trip); nothing to do when none is open. */
    public void commit() throws SQLException {
        if (members.isEmpty()) {
            return;
        }
        try {
            progress.appliedAndCommit(members.stream().map(Member::step).toList());
            connection.commit(); // the driver's bookkeeping; the COMMIT already went with the records
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            members.clear();
            connection.setAutoCommit(true);
        }
    }

    /** Rolls back the open group, if any (the migration failed): its statements run again on the next migrate. */
    public void rollBack(Step failed) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        if (!members.isEmpty()) {
            String what = failed == null ? "the migration failed" : "statement " + failed.ordinal() + " (line " + failed.line() + ") failed";
            LOG.warn("flyway-zdm: {}; the statement(s) that shared its transaction were rolled back with it and run again on the next "
                    + "migrate: {}", what, members.stream().map(m -> "line " + m.step().line()).collect(Collectors.joining(", ")));
            members.clear();
        }
    }
}
