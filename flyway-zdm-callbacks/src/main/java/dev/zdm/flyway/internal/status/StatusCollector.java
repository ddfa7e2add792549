package dev.zdm.flyway.internal.status;

import dev.zdm.core.lock.SessionSetting;
import dev.zdm.core.sql.Identifiers;
import dev.zdm.flyway.internal.HistorySchema;
import dev.zdm.flyway.internal.contract.PhaseCommands;
import dev.zdm.flyway.internal.status.StatusReport.RecordedPhase;
import dev.zdm.flyway.internal.gate.LiveLint;
import dev.zdm.flyway.internal.status.StatusReport.BackfillStatus;
import dev.zdm.flyway.internal.status.StatusReport.FailedMigration;
import dev.zdm.flyway.internal.status.StatusReport.InvalidIndex;
import dev.zdm.flyway.internal.status.StatusReport.MigrationStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Builds a {@link StatusReport} on one connection. The session is read-only ({@code default_transaction_read_only}),
 * so the status cannot change anything, and has a short {@code lock_timeout}: everything it reads is catalog,
 * statistics or flyway-zdm's and Flyway's own bookkeeping tables (never a user table), so the only lock it could
 * meet is another session's DDL on those, and then it fails fast instead of queueing other sessions behind it.
 */
public final class StatusCollector {
    /** How long a read may wait for a lock on a bookkeeping table before the status gives up. */
    static final String LOCK_WAIT = "2s";

    private StatusCollector() {
    }

    public static StatusReport collect(Configuration configuration, Connection connection) throws SQLException {
        try (SessionSetting readOnly = SessionSetting.set(connection, "default_transaction_read_only", "on");
             SessionSetting lockWait = SessionSetting.set(connection, "lock_timeout", LOCK_WAIT)) {
            String schema = HistorySchema.of(configuration, connection);
            MigrationInfoService flyway = LiveLint.migrations(configuration, connection);
            MigrationInfo[] all = flyway.all();
            PendingSection pending = PendingSection.read(configuration, connection, flyway);
            PhaseCommands.Preview preview = PhaseCommands.preview(configuration, connection, flyway);
            List<RecordedPhase> recorded = RecordedPhases.read(connection, schema);
            List<MigrationStatus> migrations = new ArrayList<>();
            for (MigrationInfo info : all) {
                migrations.add(Migrations.status(info, RecordedPhases.phaseOf(info, preview.phases(), recorded), pending.findingsOf(info)));
            }
            List<BackfillStatus> backfills = Backfills.read(connection, schema);
            List<FailedMigration> failed = FailedMigrations.read(configuration, connection, schema, all);
            List<InvalidIndex> invalid = InvalidIndexes.read(connection, managedSchemas(configuration, schema));
            String[] server = server(connection);
            return new StatusReport(server[0], server[1], Identifiers.display(schema, configuration.getTable()), migrations,
                    pending.summary(), preview.report(), recorded, backfills, failed, invalid);
        }
    }

    /** The schemas Flyway manages ({@code flyway.schemas}), else the one its history lives in; shared with {@code zdm:verify}. */
    public static List<String> managedSchemas(Configuration configuration, String historySchema) {
        List<String> out = new ArrayList<>(List.of(configuration.getSchemas()));
        if (configuration.getDefaultSchema() != null && !out.contains(configuration.getDefaultSchema())) {
            out.add(0, configuration.getDefaultSchema());
        }
        if (out.isEmpty()) {
            out.add(historySchema);
        }
        return out;
    }

    private static String[] server(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database(), current_setting('server_version')")) {
            rs.next();
            return new String[] {rs.getString(1), rs.getString(2)};
        }
    }
}
