package dev.zdm.core.state;

import dev.zdm.core.sql.Identifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statement-progress table of the first builds keyed statements by line, which skipped the second statement of a
 * line; its rows cannot be trusted to resume anything. It is recognised by its missing {@code fingerprint} column and,
 * so that nothing recorded is lost, renamed to {@value StateTables#STATEMENT_PROGRESS_V1} when it holds rows, dropped
 * when empty.
 */
final class LegacyStatementProgress {
    private static final Logger LOG = LoggerFactory.getLogger("dev.zdm.state");

    private LegacyStatementProgress() {
    }

    static void retire(Connection connection, String schema) throws SQLException {
        String table = StateTables.qualified(schema, StateTables.STATEMENT_PROGRESS);
        if (!isLegacy(connection, schema)) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            long rows;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                rows = rs.getLong(1);
            }
            if (rows == 0) {
                s.execute("DROP TABLE " + table);
                return;
            }
            s.execute("ALTER TABLE " + table + " RENAME TO " + Identifiers.quote(StateTables.STATEMENT_PROGRESS_V1));
            LOG.warn("flyway-zdm: {} of an earlier flyway-zdm version held {} row(s) of unfinished non-transactional migrations, keyed "
                    + "by line; they cannot tell statements apart and were moved to {}.{}. A migration that was left half-applied by that "
                    + "version is not continued automatically: check what it applied, then run flyway repair.", table, rows, schema,
                    StateTables.STATEMENT_PROGRESS_V1);
        }
    }

    /** The table exists and has no {@code fingerprint} column. */
    private static boolean isLegacy(Connection connection, String schema) throws SQLException {
        return Relations.exists(connection, schema, StateTables.STATEMENT_PROGRESS)
                && !Relations.hasColumn(connection, schema, StateTables.STATEMENT_PROGRESS, "fingerprint");
    }
}
