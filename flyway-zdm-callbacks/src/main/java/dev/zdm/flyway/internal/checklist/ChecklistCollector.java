package dev.zdm.flyway.internal.checklist;

import dev.zdm.core.lint.LintConfig;
import dev.zdm.core.lint.LintResult;
import dev.zdm.core.lint.Linter;
import dev.zdm.core.lint.MigrationSource;
import dev.zdm.core.lock.SessionSetting;
import dev.zdm.core.report.Location;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.flyway.internal.HistorySchema;
import dev.zdm.flyway.internal.ZdmSettings;
import dev.zdm.flyway.internal.checklist.ChecklistReport.ItemResult;
import dev.zdm.flyway.internal.gate.LiveLint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Builds a {@link ChecklistReport}: the pending migrations (Flyway's {@code info()} on the target, or every migration
 * of the locations offline), their lint findings (online as the migrate-time gate judges them), the target's table
 * sizes, then every item of {@link ChecklistItems}. Online the session is read-only with a short {@code lock_timeout}:
 * it reads catalogs, statistics and Flyway's history, never a user table's rows.
 */
public final class ChecklistCollector {
    /** How long a size read may wait for a lock before it falls back to the catalog's estimate. */
    static final String LOCK_WAIT = "2s";

    private ChecklistCollector() {
    }

    /** The checklist against the target database on {@code connection}. */
    public static ChecklistReport collect(Configuration configuration, Connection connection, ChecklistOptions options)
            throws SQLException {
        try (SessionSetting readOnly = SessionSetting.set(connection, "default_transaction_read_only", "on");
             SessionSetting lockWait = SessionSetting.set(connection, "lock_timeout", LOCK_WAIT)) {
            MigrationInfoService flyway = LiveLint.migrations(configuration, connection);
            MigrationInfo[] pending = flyway.pending();
            Map<String, MigrationSource> sources = new HashMap<>();
            for (MigrationSource s : LiveLint.sources(configuration, pending)) {
                sources.put(s.path(), s);
            }
            List<PendingMigration> migrations = new ArrayList<>();
            List<String> unreadable = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (MigrationInfo info : pending) {
                MigrationSource source = sources.get(info.getScript());
                if (source == null) {
                    String name = info.getScript() != null ? info.getScript() : String.valueOf(info.getDescription());
                    unreadable.add(name + " (" + info.getType() + ")");
                    names.add(name);
                    continue;
                }
                names.add(source.fileName());
                migrations.add(new PendingMigration(source.fileName(), info.getScript(),
                        info.getVersion() == null ? null : info.getVersion().getVersion(), info.getChecksum(),
                        SqlScript.parse(source.fileName(), source.text())));
            }
            LintResult lint = LiveLint.pending(configuration, connection, flyway, note -> { }).result();
            TableSizes sizes = new LiveTableSizes(connection, HistorySchema.configured(configuration).orElse(null));
            ChecklistContext context = new ChecklistContext(true, migrations, unreadable, lint, sizes,
                    largeTableRows(configuration, options), options.rehearsalFraction(), options.rehearsals(),
                    OfflineMigrations.locationFiles(configuration, false).names());
            String[] server = server(connection);
            return new ChecklistReport(server[0], server[1], true, names, judge(context));
        }
    }

    /** The checklist from the files alone: no history (every migration counts as pending), no sizes. */
    public static ChecklistReport offline(Configuration configuration, ChecklistOptions options) {
        List<OfflineMigrations.Offline> files = OfflineMigrations.read(configuration);
        List<PendingMigration> migrations = new ArrayList<>();
        List<MigrationSource> sources = new ArrayList<>();
        for (OfflineMigrations.Offline f : files) {
            sources.add(f.source());
            migrations.add(new PendingMigration(f.source().fileName(), f.source().path(), f.version(), null,
                    SqlScript.parse(f.source().fileName(), f.source().text())));
        }
        ZdmSettings.Lint lint = ZdmSettings.of(configuration).lint();
        LintResult result = new Linter(lintConfig(lint, configuration)).lint(sources);
        ChecklistContext context = new ChecklistContext(false, migrations, List.of(), result, TableSizes.OFFLINE,
                largeTableRows(configuration, options), options.rehearsalFraction(), options.rehearsals(),
                OfflineMigrations.locationFiles(configuration, false).names());
        return new ChecklistReport(null, null, false, migrations.stream().map(PendingMigration::fileName).toList(),
                judge(context));
    }

    private static List<ItemResult> judge(ChecklistContext context) {
        List<ItemResult> results = new ArrayList<>();
        for (ChecklistItem item : ChecklistItems.all()) {
            ItemOutcome outcome;
            try {
                outcome = item.judge(context);
            } catch (SQLException e) {
                outcome = new ItemOutcome("could not be answered", List.of(Evidence.unknown(Location.object("database", "database"),
                        "reading the target failed (SQL state " + e.getSQLState() + ": " + e.getMessage() + ")",
                        "run zdm:checklist again when no DDL holds the catalog; check that the user may read pg_catalog")));
            }
            results.add(new ItemResult(item.id(), item.name(), item.question(), outcome.tick(), outcome.summary(),
                    outcome.evidence(), item.fix()));
        }
        return results;
    }

    /** As the migrate-time gate configures the lint, with the PostgreSQL major from the settings or the default. */
    private static LintConfig lintConfig(ZdmSettings.Lint lint, Configuration configuration) {
        Map<String, String> rules = new HashMap<>();
        if (configuration.isMixed()) {
            rules.put("ZDM104", "off");
        }
        rules.putAll(lint.rules());
        LintConfig config = LintConfig.defaults().withAssumeRunner(lint.assumeRunner()).withRuleSettings(rules)
                .withSince(lint.since()).withPhases(lint.phases());
        return lint.postgresVersion() != null ? config.withPostgresVersion(lint.postgresVersion()) : config;
    }

    private static long largeTableRows(Configuration configuration, ChecklistOptions options) {
        return options.largeTableRows() != null ? options.largeTableRows() : ZdmSettings.of(configuration).lint().smallTableRows();
    }

    private static String[] server(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database(), current_setting('server_version')")) {
            rs.next();
            return new String[] {rs.getString(1), rs.getString(2)};
        }
    }
}
