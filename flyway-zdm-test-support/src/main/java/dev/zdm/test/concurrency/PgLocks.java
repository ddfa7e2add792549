package dev.zdm.test.concurrency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Reads pg_locks and pg_stat_activity from an observer connection, to prove what blocks what. */
public final class PgLocks {

    /** One row of pg_locks on a relation. */
    public record RelationLock(int pid, String relation, LockMode mode, boolean granted, String applicationName) {
    }

    private PgLocks() {
    }

    /**
     * The table-level locks on {@code relation} (a name as {@code regclass} reads it, for example
     * {@code users} or {@code public.users}) held or awaited by other sessions.
     */
    public static List<RelationLock> locksOn(Connection observer, String relation) throws SQLException {
        String sql = "SELECT l.pid, l.relation::regclass::text, l.mode, l.granted, coalesce(a.application_name, '') "
                + "FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
                + "WHERE l.locktype = 'relation' AND l.relation = to_regclass(?) AND l.pid <> pg_backend_pid() "
                + "ORDER BY l.granted DESC, l.pid";
        List<RelationLock> out = new ArrayList<>();
        try (PreparedStatement ps = observer.prepareStatement(sql)) {
            ps.setString(1, relation);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RelationLock(rs.getInt(1), rs.getString(2), LockMode.fromPgLocks(rs.getString(3)),
                            rs.getBoolean(4), rs.getString(5)));
                }
            }
        }
        return out;
    }

    /** The strongest lock mode {@code pid} holds (granted) on {@code relation}, if any. */
    public static Optional<LockMode> strongestHeld(Connection observer, int pid, String relation) throws SQLException {
        return locksOn(observer, relation).stream()
                .filter(l -> l.pid() == pid && l.granted())
                .map(RelationLock::mode)
                .max(Enum::compareTo);
    }

    /** Polls until a lock on {@code relation} matches {@code condition}; returns it, or empty on timeout. */
    public static Optional<RelationLock> await(Connection observer, String relation, Predicate<RelationLock> condition,
                                               Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            for (RelationLock lock : locksOn(observer, relation)) {
                if (condition.test(lock)) {
                    return Optional.of(lock);
                }
            }
            Blocker.sleep(2);
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    /** The pids that block {@code pid}, from {@code pg_blocking_pids}. */
    public static List<Integer> blockingPids(Connection observer, int pid) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (PreparedStatement ps = observer.prepareStatement("SELECT unnest(pg_blocking_pids(?))")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
        }
        return out;
    }
}
