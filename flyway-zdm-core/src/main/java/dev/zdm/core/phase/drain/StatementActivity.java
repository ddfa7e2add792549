package dev.zdm.core.phase.drain;

import dev.zdm.core.phase.drain.RemovedObject.Change;
import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.state.QueryStatsSnapshots;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calls of the {@code pg_stat_statements} queries that touch removed objects, per queryid, in this database.
 * <p>
 * <b>The heuristic.</b> A query touches a removed object when its normalised text (literals replaced by {@code $n})
 * names the table as a word and, for a column, also the column as a word: case-insensitive, a word being bounded by
 * anything but a letter, digit or {@code _} ({@code name} does not match {@code first_name}; {@code users.name} and
 * {@code "name"} match). Only dropped and renamed objects are watched: a column that changes type keeps its name, so the
 * new code's queries name it too. Left out: queries that mention a {@code zdm_} table (flyway-zdm's own bookkeeping)
 * and DDL and maintenance statements ({@code ALTER}, {@code CREATE}, {@code DROP}, {@code COMMENT}, {@code GRANT},
 * {@code REVOKE}, {@code REINDEX}, {@code CLUSTER}, {@code VACUUM}, {@code ANALYZE}, {@code REFRESH}, after leading
 * comments): migrations run those, applications do not.
 * <p>
 * <b>Its limits.</b> It errs towards "still in use": a query of another table that mentions both words matches too, and
 * a backfill or a script of the new release that still names the old column counts as old code. It misses what no
 * query text shows: {@code SELECT *}, an {@code INSERT} that leaves the column out (the problem of {@code SET NOT NULL}),
 * statements inside functions (pg_stat_statements tracks top-level statements unless {@code track = all}), the schema
 * (tables are matched by name only), and queries pushed out of the view by {@code pg_stat_statements.max} before they
 * were seen. When the counters were reset since the baseline, a query's calls are all counted as new. It needs the view
 * to show every user's queries: a user without {@code pg_read_all_stats} sees only its own, and then the source is
 * unavailable.
 */
public final class StatementActivity {
    private static final String WORD_EDGE = "[^[:alnum:]_]";
    private static final String NOT_APPLICATION = QueryStatsSnapshots.NOT_APPLICATION;
    private static final String OWN_TABLES = QueryStatsSnapshots.OWN_TABLES;

    private StatementActivity() {
    }

    /** Calls per queryid of the queries touching {@code removed}; empty when pg_stat_statements is not usable here. */
    public static Optional<Map<String, Long>> snapshot(Connection connection, List<RemovedObject> removed) throws SQLException {
        Reading reading = read(connection, removed);
        return reading.usable() ? Optional.of(reading.calls()) : Optional.empty();
    }

    /** A baseline read back from JSON ({@code zdm_phase_state.detail}), where numbers may come back as any Number. */
    public static Map<String, Long> baselineFromJson(Map<String, ?> json) {
        Map<String, Long> out = new LinkedHashMap<>();
        json.forEach((k, v) -> out.put(k, v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v))));
        return out;
    }

    /**
     * What the view says, or why it cannot be read.
     *
     * @param calls       calls per queryid (as text)
     * @param queries     the normalised text per queryid
     * @param unavailable why the view is not usable, null when it is
     * @param howToEnable what to do about it, null when usable
     */
    record Reading(Map<String, Long> calls, Map<String, String> queries, String unavailable, String howToEnable) {
        boolean usable() {
            return unavailable == null;
        }

        static Reading unavailable(String why, String how) {
            return new Reading(Map.of(), Map.of(), why, how);
        }
    }

    static Reading read(Connection connection, List<RemovedObject> removed) throws SQLException {
        String schema = extensionSchema(connection);
        if (schema == null) {
            return Reading.unavailable("pg_stat_statements is not installed in this database",
                    "CREATE EXTENSION pg_stat_statements in this database; the server also needs "
                            + "shared_preload_libraries = 'pg_stat_statements' in postgresql.conf and a restart");
        }
        Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        try {
            Reading reading = query(connection, Identifiers.qualified(schema, "pg_stat_statements"), watched(removed));
            if (savepoint != null) {
                connection.releaseSavepoint(savepoint);
            }
            return reading;
        } catch (SQLException e) {
            if (savepoint != null) {
                connection.rollback(savepoint);
            }
            QueryStatsSnapshots.Reading why = QueryStatsSnapshots.unavailable(e);
            if (why == null) {
                throw e;
            }
            return Reading.unavailable(why.unavailable(), why.howToEnable());
        }
    }

    private static List<RemovedObject> watched(List<RemovedObject> removed) {
        return removed.stream().filter(r -> r.change() != Change.RETYPED).toList();
    }

    private static String extensionSchema(Connection connection) throws SQLException {
        return QueryStatsSnapshots.extensionSchema(connection);
    }

    private static Reading query(Connection connection, String view, List<RemovedObject> watched) throws SQLException {
        String thisDatabase = " FROM " + view + " s WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())";
        // Another user's rows show no queryid to a user without pg_read_all_stats: their calls cannot be judged.
        long hidden;
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*)" + thisDatabase + " AND s.queryid IS NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            hidden = rs.getLong(1);
        }
        if (hidden > 0) {
            return Reading.unavailable(hidden + " pg_stat_statements entries of other users are hidden from this user",
                    "GRANT pg_read_all_stats TO the deploying user");
        }
        Map<String, Long> calls = new LinkedHashMap<>();
        Map<String, String> queries = new LinkedHashMap<>();
        if (watched.isEmpty()) {
            return new Reading(calls, queries, null, null);
        }
        String sql = "SELECT s.queryid::text, sum(s.calls)::bigint, min(s.query)" + thisDatabase
                + " AND s.queryid IS NOT NULL AND s.query !~* ? AND s.query !~* ?"
                + " AND EXISTS (SELECT 1 FROM unnest(?::text[], ?::text[]) AS r(t, c)"
                + " WHERE s.query ~* r.t AND (r.c IS NULL OR s.query ~* r.c))"
                + " GROUP BY s.queryid ORDER BY s.queryid";
        List<String> tables = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        for (RemovedObject r : watched) {
            tables.add(word(r.table().name()));
            columns.add(r.column() == null ? null : word(r.column()));
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, NOT_APPLICATION);
            ps.setString(2, OWN_TABLES);
            Array t = connection.createArrayOf("text", tables.toArray());
            Array c = connection.createArrayOf("text", columns.toArray());
            ps.setArray(3, t);
            ps.setArray(4, c);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    calls.put(rs.getString(1), rs.getLong(2));
                    queries.put(rs.getString(1), rs.getString(3));
                }
            }
        }
        return new Reading(calls, queries, null, null);
    }

    /** A regular expression (PostgreSQL ARE) matching {@code name} as a whole word; ASCII punctuation escaped. */
    static String word(String name) {
        StringBuilder out = new StringBuilder("(^|" + WORD_EDGE + ")");
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            boolean plain = ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_' || ch > 127;
            if (!plain) {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.append("($|").append(WORD_EDGE).append(')').toString();
    }
}
