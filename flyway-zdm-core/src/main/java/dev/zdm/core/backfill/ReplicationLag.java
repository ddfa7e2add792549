package dev.zdm.core.backfill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * How far the most lagging standby is behind, from {@code pg_stat_replication}. A standby's lag is its
 * {@code replay_lag}, or, when it has WAL left to replay, the time since it last replied (a stuck standby
 * stops replying, and its replay_lag then stays at its last, small value). Walsenders whose details the
 * current role may not read (no pg_monitor) show NULL state and are skipped.
 */
final class ReplicationLag {

    /** The standby furthest behind. */
    record Standby(String name, Duration lag) {
    }

    private static final String QUERY = """
            SELECT coalesce(nullif(application_name, ''), coalesce(host(client_addr), 'local') || ' pid ' || pid),
                   extract(epoch FROM greatest(coalesce(replay_lag, interval '0'),
                       CASE WHEN replay_lsn IS NOT NULL AND replay_lsn < pg_current_wal_lsn()
                            THEN clock_timestamp() - coalesce(reply_time, backend_start) ELSE interval '0' END))
            FROM pg_stat_replication
            WHERE state IS NOT NULL
            ORDER BY 2 DESC
            LIMIT 1
            """;

    private ReplicationLag() {
    }

    /** The most lagging standby, or null when there is none (or none this role may see). */
    static Standby worst(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(QUERY); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            return new Standby(rs.getString(1), Duration.ofMillis(Math.round(rs.getDouble(2) * 1000)));
        }
    }
}
