package dev.zdm.flyway.internal.backfill;

import dev.zdm.core.backfill.BackfillCheckpoints;
import dev.zdm.core.sql.Identifiers;
import dev.zdm.flyway.internal.ZdmSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.callback.CallbackEvent;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.callback.InternalCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets {@code migrate} continue a backfill that failed with an exception, with no {@code flyway repair}.
 *
 * <p>A migration that does not run in a transaction leaves a row with {@code success = false} in
 * flyway_schema_history when it fails (with Flyway's session-level lock, flyway-zdm's default), and Flyway then
 * refuses every migrate until {@code repair}. For a batched backfill that row is misleading: the checkpoint in
 * zdm_backfill_progress holds exactly how far it got, and running it again continues from there. So before
 * validation (BEFORE_VALIDATE, or BEFORE_MIGRATE when validateOnMigrate is off, both before Flyway has read the
 * history), this callback deletes a failed history row when, and only when, its script is the id of an
 * unfinished backfill checkpoint (a Java migration's class name, or a SQL script name followed by {@code #n}).
 * Any other failed migration is left alone. Each removal is logged with the checkpoint and the earlier error.
 */
public class ResumeFailedBackfills implements InternalCallback<Event> {
    private static final Logger LOG = LoggerFactory.getLogger("dev.zdm.flyway");

    /** A failed history row and the checkpoint that makes it resumable. */
    private record Resumable(int installedRank, String version, String description, String script, String checkpoint, String error) {
    }

    @Override
    public boolean supportsEventType(Class<? extends CallbackEvent<?>> eventType) {
        return eventType == Event.class;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_VALIDATE || (event == Event.BEFORE_MIGRATE && !context.getConfiguration().isValidateOnMigrate());
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Configuration configuration = context.getConfiguration();
        if (!ZdmSettings.of(configuration).enabled()) {
            return;
        }
        Connection connection = context.getConnection();
        try {
            String schema = FlywayBackfills.historySchema(configuration, connection);
            if (!exists(connection, schema, configuration.getTable()) || !BackfillCheckpoints.exists(connection, schema)) {
                return;
            }
            for (Resumable r : resumable(connection, schema, configuration.getTable())) {
                remove(connection, schema, configuration.getTable(), r);
                LOG.info("flyway-zdm: migration {} ({}) failed in an earlier run but is a resumable backfill: removed its failed row"
                                + " from {} so that migrate continues it from its checkpoint in {}.{} ({}); no repair needed. Earlier failure: {}",
                        r.version() == null ? r.script() : r.version(), r.description(), configuration.getTable(), schema,
                        BackfillCheckpoints.TABLE, r.checkpoint(), firstLine(r.error()));
            }
        } catch (SQLException e) {
            LOG.warn("flyway-zdm: could not check {} for failed backfill migrations: {}", configuration.getTable(), e.getMessage());
        }
    }

    @Override
    public String getCallbackName() {
        return "flyway-zdm backfill resume";
    }

    private static List<Resumable> resumable(Connection connection, String schema, String historyTable) throws SQLException {
        String sql = "SELECT h.installed_rank, h.version, h.description, h.script, p.state, p.rows_done, p.last_key::text, p.last_error "
                + "FROM " + Identifiers.qualified(schema, historyTable) + " h "
                + "JOIN " + Identifiers.qualified(schema, BackfillCheckpoints.TABLE) + " p "
                + "ON p.backfill_id = h.script OR left(p.backfill_id, length(h.script) + 1) = h.script || '#' "
                + "WHERE NOT h.success AND p.state <> 'done' ORDER BY h.installed_rank";
        List<Resumable> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String checkpoint = "state " + rs.getString(5) + ", " + rs.getLong(6) + " rows done, last key "
                        + (rs.getString(7) == null ? "none" : rs.getString(7));
                out.add(new Resumable(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), checkpoint, rs.getString(8)));
            }
        }
        return out;
    }

    private static void remove(Connection connection, String schema, String historyTable, Resumable r) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + Identifiers.qualified(schema, historyTable)
                + " WHERE installed_rank = ? AND NOT success AND script = ?")) {
            ps.setInt(1, r.installedRank());
            ps.setString(2, r.script());
            ps.executeUpdate();
        }
    }

    private static boolean exists(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "(not recorded)";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
