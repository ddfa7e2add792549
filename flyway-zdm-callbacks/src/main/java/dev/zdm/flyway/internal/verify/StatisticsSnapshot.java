package dev.zdm.flyway.internal.verify;

import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.state.ExtensionState;
import dev.zdm.core.state.QueryStatsSnapshots;
import dev.zdm.core.state.Relations;
import dev.zdm.core.state.TableStatsSnapshots;
import dev.zdm.flyway.internal.HistorySchema;
import dev.zdm.flyway.internal.status.StatusCollector;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the statistics snapshot ZDV07 compares with ({@link TableStatsSnapshots}) for a Flyway configuration: the
 * tables of the schemas Flyway manages, recorded next to its history table.
 */
public final class StatisticsSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(StatisticsSnapshot.class.getPackageName());

    private StatisticsSnapshot() {
    }

    /**
     * Records the snapshot now, replacing the previous one: the tables' statistics (ZDV07) and, when pg_stat_statements
     * can be read, the queries' calls and times with the position of Flyway's history (ZDV08). Returns the number of
     * tables recorded.
     */
    public static int take(Configuration configuration, Connection connection, String takenBy) throws SQLException {
        String schema = HistorySchema.of(configuration, connection);
        ExtensionState.ensure(connection, schema);
        int tables = TableStatsSnapshots.take(connection, schema, StatusCollector.managedSchemas(configuration, schema), takenBy);
        QueryStatsSnapshots.Reading queries = QueryStatsSnapshots.take(connection, schema, takenBy, historyRank(configuration, connection, schema));
        if (queries.usable()) {
            LOG.debug("flyway-zdm: {} queries of pg_stat_statements recorded for zdm:verify", queries.queries().size());
        } else {
            LOG.debug("flyway-zdm: no query statistics recorded for zdm:verify: {}", queries.unavailable());
        }
        return tables;
    }

    /** The highest installed_rank of Flyway's history table now; null when there is no such table yet. */
    static Integer historyRank(Configuration configuration, Connection connection, String schema) throws SQLException {
        if (!Relations.exists(connection, schema, configuration.getTable())) {
            return null;
        }
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT max(installed_rank) FROM " + Identifiers.qualified(schema, configuration.getTable()))) {
            rs.next();
            int rank = rs.getInt(1);
            return rs.wasNull() ? 0 : rank;
        }
    }

    /**
     * At the start of a migrate that applies something on a database in use: records the snapshot, and never fails the
     * migrate for it (inside the migration's transaction, under a savepoint that a failure rolls back).
     */
    public static void beforeMigrate(Configuration configuration, Connection connection, String firstPending) {
        long start = System.nanoTime();
        Savepoint savepoint = null;
        try {
            if (!connection.getAutoCommit()) {
                savepoint = connection.setSavepoint();
            }
            int tables = take(configuration, connection, "migrate before " + firstPending);
            if (savepoint != null) {
                connection.releaseSavepoint(savepoint);
            }
            LOG.info("flyway-zdm: statistics of {} table(s) recorded for zdm:verify ({} ms)", tables, (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException | RuntimeException e) {
            try {
                if (savepoint != null) {
                    connection.rollback(savepoint);
                }
            } catch (SQLException again) {
                e.addSuppressed(again);
            }
            LOG.warn("flyway-zdm: no statistics snapshot before this migrate ({}); zdm:verify will not compare sequential scans. "
                    + "The migrate goes on.", e.getMessage());
        }
    }
}
