package dev.zdm.flyway.internal.verify;

import dev.zdm.core.lock.SessionInfo;
import dev.zdm.core.lock.Sessions;
import dev.zdm.core.report.Location;
import dev.zdm.core.text.Durations;
import dev.zdm.flyway.internal.verify.VerifyReport.Problem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ZDV06: no session of the database waits for a lock, sits idle in a transaction holding locks on the managed tables,
 * or keeps a transaction open for long. Reads pg_stat_activity and pg_locks only; the verify session is left out.
 */
final class LockWaitCheck implements IntegrityCheck {
    /** A lock wait longer than this fails the check: shorter ones are ordinary row-lock contention. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(1);
    /** An idle-in-transaction session holding locks on a managed table for longer than this fails it. */
    static final Duration IDLE_IN_TRANSACTION = Duration.ofSeconds(30);
    /** A transaction open for longer than this fails it. */
    static final Duration LONG_TRANSACTION = Duration.ofMinutes(5);

    private static final String SESSION = "a.pid, coalesce(a.application_name, ''), coalesce(a.usename::text, ''), "
            + "coalesce(a.state, ''), extract(epoch FROM clock_timestamp() - a.xact_start), "
            + "extract(epoch FROM clock_timestamp() - a.state_change), coalesce(a.query, '')";
    private static final String OTHERS = "FROM pg_stat_activity a WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() "
            + "AND a.backend_type = 'client backend' ";

    private final Duration lockWait;
    private final Duration idleInTransaction;
    private final Duration longTransaction;

    LockWaitCheck() {
        this(LOCK_WAIT, IDLE_IN_TRANSACTION, LONG_TRANSACTION);
    }

    LockWaitCheck(Duration lockWait, Duration idleInTransaction, Duration longTransaction) {
        this.lockWait = lockWait;
        this.idleInTransaction = idleInTransaction;
        this.longTransaction = longTransaction;
    }

    @Override
    public String id() {
        return "ZDV06";
    }

    @Override
    public String name() {
        return "blocked-session";
    }

    @Override
    public String summary() {
        return "No session waits for a lock, idles in a transaction holding locks on a managed table, or keeps a long transaction open";
    }

    @Override
    public String why() {
        return "A migration that queued for a strong lock, or a session it left behind, can keep the application waiting "
                + "after the run looks done: a session waiting more than " + Durations.format(LOCK_WAIT) + " for a lock "
                + "(pg_stat_activity.wait_event_type = 'Lock') is a request the application is not answering; a session "
                + "idle in transaction for more than " + Durations.format(IDLE_IN_TRANSACTION) + " holding locks on a "
                + "table of the managed schemas makes the next DDL on it queue (and everything behind that DDL); a "
                + "transaction open for more than " + Durations.format(LONG_TRANSACTION) + " holds back VACUUM and makes a "
                + "CREATE INDEX CONCURRENTLY wait for it.";
    }

    @Override
    public String fix() {
        return "Look at the named blockers first: commit or roll back the application's transaction, or end the session with "
                + "SELECT pg_terminate_backend(pid) when it is abandoned. Set idle_in_transaction_session_timeout for the "
                + "application's role, and lock_timeout for migrations (flyway-zdm sets it for its own statements).";
    }

    @Override
    public CheckOutcome run(VerifyContext context) throws SQLException {
        return ReadOnlyTransaction.run(context.connection(), context.statementTimeout(), c -> {
            List<Problem> problems = new ArrayList<>();
            Set<Integer> reported = new HashSet<>();
            int waiting = lockWaits(c, problems, reported);
            int idle = idleHoldingLocks(c, context.schemas(), problems, reported);
            int old = longTransactions(c, problems, reported);
            String evidence = Counted.of(waiting, "session", "sessions") + " waiting for a lock over " + Durations.format(lockWait)
                    + ", " + idle + " idle in transaction over " + Durations.format(idleInTransaction) + " with locks in "
                    + String.join(", ", context.schemas()) + ", " + old + " other transaction" + (old == 1 ? "" : "s") + " open over "
                    + Durations.format(longTransaction);
            return new CheckOutcome(evidence, problems);
        });
    }

    private int lockWaits(Connection c, List<Problem> problems, Set<Integer> reported) throws SQLException {
        // pg_locks.waitstart (PostgreSQL 14+) says when the wait began; before 14 the statement's start is the best bound
        String waitStart = c.getMetaData().getDatabaseMajorVersion() >= 14
                ? "coalesce((SELECT min(l.waitstart) FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted), a.query_start)"
                : "a.query_start";
        String sql = "SELECT " + SESSION + ", extract(epoch FROM clock_timestamp() - " + waitStart + "), coalesce(a.wait_event, '') "
                + OTHERS + "AND a.wait_event_type = 'Lock' AND clock_timestamp() - " + waitStart + " > make_interval(secs => ?) "
                + "ORDER BY a.query_start";
        int count = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setDouble(1, seconds(lockWait));
            try (ResultSet rs = ps.executeQuery()) {
                List<Object[]> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new Object[] {session(rs), rs.getDouble(8), rs.getString(9)});
                }
                for (Object[] row : rows) {
                    SessionInfo s = (SessionInfo) row[0];
                    List<SessionInfo> blockers = Sessions.blocking(c, s.pid());
                    String waited = Durations.format(Duration.ofMillis((long) ((double) row[1] * 1000)));
                    problems.add(new Problem(Location.object("session", subject(s)), "waiting " + waited + " for a " + row[2] + " lock (wait_event_type Lock) in: "
                            + s.query() + "; blocked by (pg_blocking_pids): " + describe(blockers) + ".",
                            blockers.isEmpty() ? "the blocker has just gone; run zdm:verify again"
                                    : "end what blocks it: commit or roll back the blocking transaction, or SELECT pg_terminate_backend("
                                    + blockers.get(0).pid() + ") when it is abandoned"));
                    reported.add(s.pid());
                    count++;
                }
            }
        }
        return count;
    }

    private int idleHoldingLocks(Connection c, List<String> schemas, List<Problem> problems, Set<Integer> reported) throws SQLException {
        String sql = "SELECT " + SESSION + ", (SELECT string_agg(DISTINCT quote_ident(n.nspname) || '.' || quote_ident(r.relname) "
                + "|| ' (' || l.mode || ')', ', ') FROM pg_locks l JOIN pg_class r ON r.oid = l.relation "
                + "JOIN pg_namespace n ON n.oid = r.relnamespace WHERE l.pid = a.pid AND l.granted AND l.locktype = 'relation' "
                + "AND n.nspname = ANY (?)) AS held " + OTHERS + "AND a.state LIKE 'idle in transaction%' "
                + "AND clock_timestamp() - a.state_change > make_interval(secs => ?) ORDER BY a.state_change";
        int count = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            ps.setDouble(2, seconds(idleInTransaction));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SessionInfo s = session(rs);
                    String held = rs.getString(8);
                    if (held == null || !reported.add(s.pid())) {
                        continue;
                    }
                    problems.add(new Problem(Location.object("session", subject(s)), s.state() + " for " + Durations.format(s.stateAge()) + ", holding " + held
                            + "; last query: " + s.query() + ". DDL on these tables would queue behind it, and every query behind the DDL.",
                            "commit or roll back that transaction in the application, or SELECT pg_terminate_backend(" + s.pid()
                                    + "); set idle_in_transaction_session_timeout"));
                    count++;
                }
            }
        }
        return count;
    }

    private int longTransactions(Connection c, List<Problem> problems, Set<Integer> reported) throws SQLException {
        String sql = "SELECT " + SESSION + " " + OTHERS + "AND clock_timestamp() - a.xact_start > make_interval(secs => ?) ORDER BY a.xact_start";
        int count = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setDouble(1, seconds(longTransaction));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SessionInfo s = session(rs);
                    if (!reported.add(s.pid())) {
                        continue;
                    }
                    problems.add(new Problem(Location.object("session", subject(s)), "transaction open for " + Durations.format(s.transactionAge()) + " (" + s.state()
                            + "): " + s.query() + ". It holds back VACUUM and makes CREATE INDEX CONCURRENTLY wait for it.",
                            "let it finish or end it (SELECT pg_cancel_backend(" + s.pid() + ") for its query, pg_terminate_backend for the "
                                    + "session); keep application transactions short"));
                    count++;
                }
            }
        }
        return count;
    }

    private static SessionInfo session(ResultSet rs) throws SQLException {
        return new SessionInfo(rs.getInt(1), rs.getString(2), rs.getString(3), "", rs.getString(4), age(rs, 5), age(rs, 6),
                Sessions.shorten(rs.getString(7)));
    }

    private static Duration age(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : Duration.ofMillis((long) (value * 1000));
    }

    private static String subject(SessionInfo s) {
        return "pid " + s.pid() + (s.applicationName().isEmpty() ? "" : " (" + s.applicationName() + ")");
    }

    private static String describe(List<SessionInfo> blockers) {
        if (blockers.isEmpty()) {
            return "none any more";
        }
        List<String> out = new ArrayList<>();
        for (SessionInfo b : blockers) {
            out.add(b.describe());
        }
        return String.join("; ", out);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
