package dev.zdm.flyway.internal.resume;

import dev.zdm.core.sql.Identifiers;
import dev.zdm.flyway.internal.ZdmSettings;
import dev.zdm.flyway.internal.backfill.FlywayBackfills;
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
 * Lets {@code migrate} continue a non-transactional SQL migration that failed half-way, with no
 * {@code flyway repair}. Flyway (with its session-level lock, flyway-zdm's default) leaves a row with
 * {@code success = false} for such a migration and refuses every later migrate. When flyway-zdm ran it, the
 * statements it applied are in {@link StatementProgress}, and the next run skips them; so before validation
 * this callback removes the failed row of a migration whose progress was recorded with the same checksum
 * (an edited script is left to the user), logging what was already applied. After migrate, and before the next
 * validation, it drops the progress of migrations that have succeeded.
 */
public class ResumeFailedStatements implements InternalCallback<Event> {
    private static final Logger LOG = LoggerFactory.getLogger("dev.zdm.flyway");

    private record Failed(int installedRank, String version, String script, Integer checksum) {
    }

    @Override
    public boolean supportsEventType(Class<? extends CallbackEvent<?>> eventType) {
        return eventType == Event.class;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_VALIDATE || event == Event.AFTER_MIGRATE
                || (event == Event.BEFORE_MIGRATE && !context.getConfiguration().isValidateOnMigrate());
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
            String history = Identifiers.qualified(schema, configuration.getTable());
            if (!StatementProgress.exists(connection, schema) || !tableExists(connection, history)) {
                return;
            }
            forgetSucceeded(connection, schema, history);
            if (event == Event.AFTER_MIGRATE) {
                return;
            }
            StatementProgress progress = StatementProgress.in(connection, schema);
            for (Failed failed : failed(connection, history)) {
                if (!progress.started(failed.script(), failed.checksum())) {
                    continue;
                }
                List<String> done = progress.doneStatements(failed.script(), failed.checksum());
                remove(connection, history, failed);
                LOG.info("flyway-zdm: migration {} failed in an earlier run after applying {} statement(s){}; removed its failed row"
                                + " from {} so that migrate continues it, skipping what is done; no repair needed.",
                        failed.script(), done.size(), done.isEmpty() ? "" : " (" + String.join("; ", done) + ")", configuration.getTable());
            }
        } catch (SQLException e) {
            LOG.warn("flyway-zdm: could not check {} for failed non-transactional migrations: {}", configuration.getTable(), e.getMessage());
        }
    }

    @Override
    public String getCallbackName() {
        return "flyway-zdm statement resume";
    }

    private static boolean tableExists(Connection connection, String qualified) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void forgetSucceeded(Connection connection, String schema, String history) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + Identifiers.qualified(schema, StatementProgress.TABLE)
                + " p USING " + history + " h WHERE h.script = p.script AND h.success")) {
            ps.executeUpdate();
        }
    }

    private static List<Failed> failed(Connection connection, String history) throws SQLException {
        List<Failed> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT installed_rank, version, script, checksum FROM " + history + " WHERE NOT success ORDER BY installed_rank");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int checksum = rs.getInt(4);
                out.add(new Failed(rs.getInt(1), rs.getString(2), rs.getString(3), rs.wasNull() ? null : checksum));
            }
        }
        return out;
    }

    private static void remove(Connection connection, String history, Failed failed) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + history + " WHERE installed_rank = ? AND NOT success AND script = ?")) {
            ps.setInt(1, failed.installedRank());
            ps.setString(2, failed.script());
            ps.executeUpdate();
        }
    }
}
