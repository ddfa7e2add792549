package dev.zdm.core.phase.drain;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Source {@code sessions}: client sessions of this database, other than the caller's, whose {@code application_name}
 * matches one of the old application's globs. The match runs in SQL ({@code LIKE ANY}, patterns bound). Sessions of
 * other databases on the same server do not count: the old code that breaks is the code using this database.
 */
final class SessionEvidence {
    static final String SETTING = "flyway.zdm.drain.oldApplicationName";
    private static final int SHOWN = 5;
    private static final String SQL = "SELECT pid, application_name, host(client_addr), backend_start, count(*) OVER () "
            + "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
            // Without pg_read_all_stats, another user's session shows its name but a null backend_type.
            + "AND coalesce(backend_type, 'client backend') = 'client backend' AND application_name LIKE ANY (?) "
            + "ORDER BY backend_start, pid LIMIT " + SHOWN;

    private SessionEvidence() {
    }

    static EvidenceItem evaluate(Connection connection, DrainPolicy policy) throws SQLException {
        List<String> globs = policy.oldApplicationPatterns();
        if (globs.isEmpty()) {
            return new EvidenceItem(EvidenceItem.SESSIONS, EvidenceStatus.NOT_CONFIGURED, "no old application name configured",
                    "set " + SETTING + " to the old instances' application_name (globs with *, e.g. orders-app-v41*), and "
                            + "have the applications set ApplicationName in their JDBC URL (?ApplicationName=orders-app-v41)");
        }
        if (!connection.getAutoCommit()) {
            // pg_stat_activity is read once per transaction and kept: a second look in the same transaction would
            // see the sessions of the first.
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT pg_stat_clear_snapshot()");
            }
        }
        List<String> shown = new ArrayList<>();
        long total = 0;
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            Array patterns = connection.createArrayOf("text", globs.stream().map(ApplicationNamePattern::like).toArray());
            ps.setArray(1, patterns);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    shown.add(describe(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4)));
                    total = rs.getLong(5);
                }
            }
        }
        String names = String.join(", ", globs);
        if (total == 0) {
            return new EvidenceItem(EvidenceItem.SESSIONS, EvidenceStatus.HOLDS,
                    "no session of this database has an application_name matching " + names, null);
        }
        String sessions = String.join("; ", shown) + (total > shown.size() ? "; and " + (total - shown.size()) + " more" : "");
        return new EvidenceItem(EvidenceItem.SESSIONS, EvidenceStatus.AGAINST,
                total + (total == 1 ? " session" : " sessions") + " of the old application (" + names + ") still connected: "
                        + sessions,
                "stop the old instances (or wait until their connection pools close); sessions are matched by application_name");
    }

    private static String describe(int pid, String applicationName, String client, Timestamp started) {
        StringBuilder out = new StringBuilder("pid ").append(pid).append(" \"").append(applicationName).append('"');
        if (started == null) {
            // Another user's session, seen without pg_read_all_stats: PostgreSQL hides everything but the name.
            return out.append(" (address and start hidden: grant pg_read_all_stats to see them)").toString();
        }
        out.append(" from ").append(client == null ? "a local socket" : client);
        return out.append(" since ").append(started.toInstant().truncatedTo(ChronoUnit.SECONDS)).toString();
    }
}
