package dev.zdm.flyway.internal.watch;

import dev.zdm.core.backfill.BackfillCheckpoint;
import dev.zdm.core.backfill.BackfillCheckpoints;
import dev.zdm.core.lock.SessionInfo;
import dev.zdm.core.lock.Sessions;
import dev.zdm.core.lock.SqlStates;
import dev.zdm.core.sql.Identifiers;
import dev.zdm.flyway.internal.watch.WatchSnapshot.BackfillProgress;
import dev.zdm.flyway.internal.watch.WatchSnapshot.BlockedSession;
import dev.zdm.flyway.internal.watch.WatchSnapshot.IndexBuild;
import dev.zdm.flyway.internal.watch.WatchSnapshot.LockHolder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one {@link WatchSnapshot}: catalog and statistics views only ({@code pg_stat_activity} through
 * {@link Sessions}, {@code pg_locks}, {@code pg_stat_progress_create_index}) and the backfill checkpoint table. Relation
 * names come from {@code pg_class} by oid, which takes no lock. A section that hits the session's lock or statement
 * timeout is left out of this tick with a note instead of failing the watch.
 */
final class WatchCollector {
    private static final Pattern QUOTED_TABLE = Pattern.compile("\"((?:[^\"]|\"\")*)\"\\.\"((?:[^\"]|\"\")*)\"");
    private final String stateSchema;
    private final TouchedRelations touched;
    private final Duration longTransaction;
    private final boolean waitStart;
    /** Per backfill id: rows done and when, at the previous tick. */
    private final Map<String, Previous> previous = new HashMap<>();
    private int tick;

    private record Previous(long rowsDone, String state, Instant at) {
    }

    WatchCollector(Connection connection, String stateSchema, TouchedRelations touched, Duration longTransaction) throws SQLException {
        this.stateSchema = stateSchema;
        this.touched = touched;
        this.longTransaction = longTransaction;
        this.waitStart = connection.getMetaData().getDatabaseMajorVersion() >= 14;
    }

    /** SQL for the display name of the relation with oid {@code oidExpression} ({@code schema.name}, quoted where needed). */
    static String displayName(String oidExpression) {
        return "(SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = " + oidExpression + ")";
    }

    WatchSnapshot collect(Connection connection) throws SQLException {
        tick++;
        List<String> unreadable = new ArrayList<>();
        Instant at = now(connection);
        Map<Long, String> touchedNow = touched.known() ? read(unreadable, "touched tables", () -> touched.resolve(connection), Map.of())
                : Map.of();
        List<BlockedSession> blocked = read(unreadable, "blocked sessions", () -> blocked(connection, touchedNow), List.of());
        List<BackfillProgress> backfills = stateSchema == null ? List.of()
                : read(unreadable, "backfills", () -> backfills(connection, at), List.of());
        List<IndexBuild> builds = read(unreadable, "index builds", () -> indexBuilds(connection), List.of());
        Set<Integer> shown = new HashSet<>();
        // Blockers are shown under what they block; the holders section is for those not (yet) in anyone's way.
        blocked.forEach(b -> {
            shown.add(b.session().pid());
            b.blockers().forEach(blocker -> shown.add(blocker.pid()));
        });
        builds.forEach(b -> shown.add(b.pid()));
        List<LockHolder> holders = touchedNow.isEmpty() ? List.of()
                : read(unreadable, "lock holders", () -> holders(connection, touchedNow, shown), List.of());
        return new WatchSnapshot(tick, at, List.copyOf(touchedNow.values()), blocked, backfills, builds, holders, unreadable);
    }

    private List<BlockedSession> blocked(Connection connection, Map<Long, String> touchedNow) throws SQLException {
        List<BlockedSession> out = new ArrayList<>();
        String waited = waitStart ? "extract(epoch FROM clock_timestamp() - l.waitstart)" : "NULL::float8";
        try (PreparedStatement ps = connection.prepareStatement("SELECT l.relation, " + displayName("l.relation") + ", l.mode, "
                + waited + " FROM pg_locks l WHERE l.pid = ? AND NOT l.granted ORDER BY l.relation NULLS LAST LIMIT 1")) {
            for (SessionInfo session : Sessions.blocked(connection)) {
                Long oid = null;
                String relation = null;
                String mode = null;
                Duration waiting = session.stateAge();
                ps.setInt(1, session.pid());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        long o = rs.getLong(1);
                        oid = rs.wasNull() ? null : o;
                        relation = rs.getString(2);
                        mode = rs.getString(3);
                        double seconds = rs.getDouble(4);
                        if (!rs.wasNull()) {
                            waiting = Duration.ofMillis((long) (seconds * 1000));
                        }
                    }
                }
                boolean onTouched = oid != null && touchedNow.containsKey(oid);
                out.add(new BlockedSession(session, relation, mode, waiting, onTouched, Sessions.blocking(connection, session.pid())));
            }
        }
        out.sort(Comparator.comparing((BlockedSession b) -> !b.touched()));
        return out;
    }

    private List<BackfillProgress> backfills(Connection connection, Instant at) throws SQLException {
        List<BackfillProgress> out = new ArrayList<>();
        for (BackfillCheckpoint c : BackfillCheckpoints.all(connection, stateSchema)) {
            String state = c.state().name().toLowerCase(Locale.ROOT);
            Previous before = previous.put(c.backfillId(), new Previous(c.rowsDone(), state, at));
            boolean running = c.state() == BackfillCheckpoint.State.RUNNING;
            boolean changed = before != null && (before.rowsDone() != c.rowsDone() || !before.state().equals(state));
            if (!running && !changed) {
                continue;
            }
            Double rate = null;
            if (before != null) {
                double seconds = Duration.between(before.at(), at).toMillis() / 1000.0;
                rate = seconds > 0 ? (c.rowsDone() - before.rowsDone()) / seconds : null;
            }
            out.add(new BackfillProgress(c.backfillId(), display(c.targetTable()), state, c.rowsDone(), c.batches(), rate, c.lastError()));
        }
        return out;
    }

    private List<IndexBuild> indexBuilds(Connection connection) throws SQLException {
        List<IndexBuild> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT p.pid, " + displayName("p.relid") + ", " + displayName("p.index_relid")
                     + ", p.command, p.phase, p.blocks_done, p.blocks_total, p.tuples_done, p.tuples_total, p.current_locker_pid "
                     + "FROM pg_stat_progress_create_index p WHERE p.datid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                     + "ORDER BY p.pid")) {
            while (rs.next()) {
                int locker = rs.getInt(10);
                List<SessionInfo> waitingFor = new ArrayList<>();
                if (locker != 0) {
                    SessionInfo session = Sessions.of(connection, locker);
                    if (session != null) {
                        waitingFor.add(session);
                    }
                }
                out.add(new IndexBuild(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), waitingFor));
            }
        }
        return out;
    }

    private List<LockHolder> holders(Connection connection, Map<Long, String> touchedNow, Set<Integer> shown) throws SQLException {
        long[] oids = touchedNow.keySet().stream().mapToLong(Long::longValue).toArray();
        List<LockHolder> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT DISTINCT l.relation FROM pg_locks l WHERE l.pid = ? "
                + "AND l.granted AND l.locktype = 'relation' AND l.relation = ANY (?::oid[])")) {
            for (SessionInfo session : Sessions.holdingLocksOn(connection, oids)) {
                boolean idle = session.state() != null && session.state().startsWith("idle in transaction");
                boolean old = session.transactionAge() != null && session.transactionAge().compareTo(longTransaction) >= 0;
                if (shown.contains(session.pid()) || !(idle || old)) {
                    continue;
                }
                ps.setInt(1, session.pid());
                ps.setArray(2, connection.createArrayOf("int8", touchedNow.keySet().toArray()));
                List<String> relations = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        relations.add(touchedNow.get(rs.getLong(1)));
                    }
                }
                out.add(new LockHolder(session, relations));
            }
        }
        return out;
    }

    /** {@code "schema"."table"} as the checkpoint stores it, as messages show relations ({@code schema.table}). */
    static String display(String quotedTable) {
        Matcher m = QUOTED_TABLE.matcher(quotedTable == null ? "" : quotedTable);
        return m.matches() ? Identifiers.display(m.group(1).replace("\"\"", "\""), m.group(2).replace("\"\"", "\"")) : quotedTable;
    }

    private static Instant now(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT clock_timestamp()")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    private interface Read<T> {
        T get() throws SQLException;
    }

    /** Runs one section; a lock or statement timeout leaves it out of this tick with a note, any other error fails. */
    private static <T> T read(List<String> unreadable, String section, Read<T> read, T empty) throws SQLException {
        try {
            return read.get();
        } catch (SQLException e) {
            if (SqlStates.LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || SqlStates.QUERY_CANCELED.equals(e.getSQLState())) {
                unreadable.add(section + ": " + SqlStates.describe(e));
                return empty;
            }
            throw e;
        }
    }
}
