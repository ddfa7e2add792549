package dev.zdm.core.ddl;

import dev.zdm.core.lock.SessionInfo;
import dev.zdm.core.lock.SessionSetting;
import dev.zdm.core.lock.Sessions;
import dev.zdm.core.lock.SqlStates;
import dev.zdm.core.text.Durations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Watches one long statement of the migration's backend from a second connection: reports progress
 * ({@code pg_stat_progress_create_index}) and the sessions it waits for, and cancels it
 * ({@code pg_cancel_backend}) once it has spent more than its budget waiting for locks.
 *
 * <p>Only time spent waiting counts against the budget: a build that works for an hour is fine, a build that
 * waits five minutes behind a forgotten idle-in-transaction session is not.
 */
final class WaitWatch implements AutoCloseable {
    private static final long POLL_MILLIS = 200;
    private static final String POLL = "SELECT a.state, a.wait_event_type, a.wait_event, p.phase, p.lockers_total, p.lockers_done, "
            + "p.current_locker_pid, p.blocks_total, p.blocks_done, p.tuples_total, p.tuples_done, p.partitions_total, p.partitions_done "
            + "FROM pg_stat_activity a LEFT JOIN pg_stat_progress_create_index p ON p.pid = a.pid WHERE a.pid = ?";
    /** Cancels only while the backend is still waiting for a lock, so a statement that just finished is left alone. */
    private static final String CANCEL = "SELECT pg_cancel_backend(a.pid) FROM pg_stat_activity a "
            + "WHERE a.pid = ? AND a.state = 'active' AND a.wait_event_type = 'Lock'";

    private final DdlSession session;
    private final String label;
    private final Duration budget;
    /** Opened by the watch thread at its first poll, so a statement that ends sooner costs no connection. */
    private Connection observer;
    private SessionSetting applicationName;
    private boolean observerAutoCommit = true;
    private final Thread thread;
    private final long startNanos = System.nanoTime();
    private volatile boolean running = true;
    private volatile boolean gaveUp;
    private volatile List<SessionInfo> inTheWay = List.of();
    private volatile long waitedNanos;
    private long lastPollNanos = startNanos;
    private long lastReportNanos = startNanos;
    private boolean observerFailureReported;

    private WaitWatch(DdlSession session, String label, Duration budget) {
        this.session = session;
        this.label = label;
        this.budget = budget;
        this.thread = new Thread(this::run, "zdm-ddl-watch-" + session.pid);
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching the session's backend; {@code label} names the statement in reports. The observer connection
     * is opened at the first poll ({@value #POLL_MILLIS} ms in) and usually comes from the application's pool: what is
     * changed on it (autocommit, application_name, which makes the watch recognisable in pg_stat_activity) is put back
     * in {@link #close()}, so it does not leak to the pool's next user.
     */
    static WaitWatch start(DdlSession session, String label, Duration budget) {
        WaitWatch watch = new WaitWatch(session, label, budget);
        watch.thread.start();
        return watch;
    }

    /** The observer connection, opened on first use by the watch thread. */
    private Connection observer() throws SQLException {
        if (observer == null) {
            Connection opened = session.observers.open();
            try {
                observerAutoCommit = opened.getAutoCommit();
                opened.setAutoCommit(true);
                applicationName = SessionSetting.set(opened, "application_name", "flyway-zdm watch");
            } catch (SQLException e) {
                restoreAndClose(opened, applicationName, observerAutoCommit);
                applicationName = null;
                throw e;
            }
            observer = opened;
        }
        return observer;
    }

    boolean gaveUp() {
        return gaveUp;
    }

    List<SessionInfo> inTheWay() {
        return inTheWay;
    }

    Duration waited() {
        return Duration.ofNanos(waitedNanos);
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (!running) {
                return;
            }
            try {
                poll();
            } catch (SQLException e) {
                if (!observerFailureReported && running) {
                    observerFailureReported = true;
                    session.reporter.warn(label + ": cannot observe the build from a second connection ("
                            + SqlStates.describe(e) + "); it will not be reported or given up on while waiting");
                }
            }
        }
    }

    private void poll() throws SQLException {
        long now = System.nanoTime();
        long sinceLast = now - lastPollNanos;
        lastPollNanos = now;
        Snapshot snap;
        try (PreparedStatement ps = observer().prepareStatement(POLL)) {
            ps.setInt(1, session.pid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                snap = Snapshot.read(rs);
            }
        }
        if (snap.waitingForLock()) {
            waitedNanos += sinceLast;
        }
        if (snap.waitingForLock() && waitedNanos > budget.toNanos() && !gaveUp) {
            giveUp();
            return;
        }
        if (now - lastReportNanos >= session.options.progressInterval().toNanos()) {
            lastReportNanos = now;
            report(snap);
        }
    }

    private void report(Snapshot snap) throws SQLException {
        if (snap.waitingForLock()) {
            List<SessionInfo> blocking = Sessions.blocking(observer, session.pid);
            List<SessionInfo> older = others(Sessions.olderTransactions(observer, session.pid), blocking);
            StringBuilder out = new StringBuilder(label).append(": waiting for other transactions");
            if (snap.phase != null) {
                out.append(" (").append(snap.phase).append(')');
            }
            out.append(", waited ").append(Durations.format(waited())).append(" of at most ").append(Durations.format(budget));
            out.append(". Waiting for: ").append(Sessions.describe(blocking));
            if (!older.isEmpty()) {
                out.append("\nOther transactions older than the build, which it may wait for next: ").append(Sessions.describe(older));
            }
            session.reporter.warn(out.toString());
        } else if (snap.phase != null) {
            session.reporter.info(label + ": " + snap.progress() + ", " + Durations.format(elapsed()) + " so far");
        }
    }

    private void giveUp() throws SQLException {
        List<SessionInfo> blocking = Sessions.blocking(observer, session.pid);
        List<SessionInfo> all = new ArrayList<>(blocking);
        all.addAll(others(Sessions.olderTransactions(observer, session.pid), blocking));
        inTheWay = all;
        gaveUp = true;
        try (PreparedStatement ps = observer.prepareStatement(CANCEL)) {
            ps.setInt(1, session.pid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    gaveUp = false; // no longer waiting: let it carry on
                }
            }
        }
        if (gaveUp) {
            session.reporter.warn(label + ": waited " + Durations.format(waited()) + " for other transactions, more than "
                    + Durations.format(budget) + "; cancelling it. In the way: " + Sessions.describe(all));
        }
    }

    private static List<SessionInfo> others(List<SessionInfo> sessions, List<SessionInfo> except) {
        List<SessionInfo> out = new ArrayList<>();
        for (SessionInfo s : sessions) {
            if (except.stream().noneMatch(e -> e.pid() == s.pid())) {
                out.add(s);
            }
        }
        return out;
    }

    /** Stops the watch and closes its connection; idempotent. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (observer != null) { // the thread has ended (joined above), so its writes are visible here
            restoreAndClose(observer, applicationName, observerAutoCommit);
        }
    }

    /** Puts the observer connection back as it was given (a pool hands it out again), then closes (returns) it. */
    private static void restoreAndClose(Connection observer, SessionSetting applicationName, boolean autoCommit) {
        try (observer) {
            if (applicationName != null) {
                applicationName.close();
            }
            if (!autoCommit) {
                observer.setAutoCommit(false);
            }
        } catch (SQLException ignored) {
            // the observation is over either way; a broken connection is discarded by its pool
        }
    }

    /** One poll of pg_stat_activity joined with pg_stat_progress_create_index. */
    private record Snapshot(String state, String waitEventType, String waitEvent, String phase, long lockersTotal, long lockersDone,
                            int currentLocker, long blocksTotal, long blocksDone, long tuplesTotal, long tuplesDone,
                            long partitionsTotal, long partitionsDone) {

        static Snapshot read(ResultSet rs) throws SQLException {
            return new Snapshot(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6),
                    rs.getInt(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13));
        }

        boolean waitingForLock() {
            return "active".equals(state) && "Lock".equals(waitEventType);
        }

        /** {@code building index: scanning table, blocks 1200/5000 (24%), tuples 0/0}. */
        String progress() {
            StringBuilder out = new StringBuilder(phase);
            if (blocksTotal > 0) {
                out.append(", blocks ").append(blocksDone).append('/').append(blocksTotal)
                        .append(String.format(Locale.ROOT, " (%d%%)", blocksDone * 100 / blocksTotal));
            }
            if (tuplesTotal > 0 || tuplesDone > 0) {
                out.append(", tuples ").append(tuplesDone).append('/').append(tuplesTotal);
            }
            if (lockersTotal > 0) {
                out.append(", lockers ").append(lockersDone).append('/').append(lockersTotal);
            }
            if (partitionsTotal > 0) {
                out.append(", partitions ").append(partitionsDone).append('/').append(partitionsTotal);
            }
            return out.toString();
        }
    }
}
