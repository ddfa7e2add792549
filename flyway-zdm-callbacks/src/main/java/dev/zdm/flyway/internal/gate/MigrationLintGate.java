package dev.zdm.flyway.internal.gate;

import dev.zdm.core.lint.Finding;
import dev.zdm.core.lint.LintConfig;
import dev.zdm.core.lint.LintResult;
import dev.zdm.core.lint.MigrationSource;
import dev.zdm.core.lint.MigrationVersion;
import dev.zdm.flyway.internal.ZdmConfigurationException;
import dev.zdm.flyway.internal.ZdmSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.callback.CallbackEvent;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.callback.InternalCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migrate-time gate: at {@code BEFORE_MIGRATE}, before the first pending migration runs, it lints all
 * pending SQL migrations against the live database (its PostgreSQL version and table sizes) and refuses to
 * start when an unsuppressed finding reaches {@code flyway.zdm.lint.failOn}. Findings on tables that do not
 * exist yet, are created in this run or are small are downgraded to info; findings accepted in the zdm:lint
 * baseline ({@code lint.baseline}), by {@code lint.accept}, or in migrations older than {@code lint.since} are
 * dropped. A fresh database (no applied migration) is never refused: it migrates as plain Flyway would, at its
 * speed (the gate only lints it, and logs the findings, when its logger is at DEBUG), while production is guarded.
 * With nothing pending the gate returns after a file listing and one query when it can be sure of it.
 */
public class MigrationLintGate implements InternalCallback<Event> {
    private static final Logger LOG = LoggerFactory.getLogger("dev.zdm.flyway.lint");

    @Override
    public boolean supportsEventType(Class<? extends CallbackEvent<?>> eventType) {
        return eventType == Event.class;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Configuration configuration = context.getConfiguration();
        ZdmSettings settings = ZdmSettings.of(configuration);
        if (!settings.enabled() || !settings.bool("lint.gate")) {
            return;
        }
        long start = System.nanoTime();
        Connection connection = context.getConnection();
        String failOn = settings.choice("lint.failOn");
        Acceptances accepted = Acceptances.parse(settings.text("lint.accept"));
        try {
            LintConfig config = config(settings, configuration, connection);
            boolean fresh = AppliedHistory.fresh(configuration, connection);
            if (fresh && !LOG.isDebugEnabled()) {
                // Nothing uses a fresh database yet (CI, tests, a new environment): it migrates as with plain Flyway, at
                // plain Flyway's speed. Its findings are zdm:lint's, or this log at DEBUG.
                LOG.info("flyway-zdm lint gate: fresh database (no applied migration in {}): not gated, migrating as plain Flyway "
                        + "would; mvn zdm:lint (or logger dev.zdm.flyway.lint at DEBUG) shows the findings", AppliedHistory.table(configuration, connection));
                return;
            }
            if (!fresh && PendingMigrations.certainlyNone(configuration, connection)) {
                LOG.debug("flyway-zdm lint gate: nothing pending ({} ms)", (System.nanoTime() - start) / 1_000_000);
                return;
            }
            List<MigrationSource> pending = PendingMigrations.read(configuration, connection);
            DirectiveCheck.refuseInvalid(pending);
            long read = System.nanoTime();
            if (pending.isEmpty()) {
                LOG.debug("flyway-zdm lint gate: no pending SQL migration ({} ms)", (read - start) / 1_000_000);
                return;
            }
            LintResult result = LiveLint.judge(pending, config, settings, accepted, new LiveCatalog(connection, defaultSchema(configuration)),
                    LOG::info, LOG::warn);
            if (result.fails(failOn)) {
                if (!fresh) {
                    List<Finding> blocking = GateReport.blocking(result, failOn);
                    GateReport.log(LOG, result.findings().stream().filter(f -> !blocking.contains(f)).toList());
                    throw new ZdmLintGateException(GateReport.refusal(result, failOn, config.postgresVersion()));
                }
                GateReport.log(LOG, result.findings());
                LOG.warn("flyway-zdm lint gate: {} finding(s) reach failOn={}, but this database is fresh (no applied migration in {}): "
                        + "migrating as plain Flyway would. They matter once the database serves an application.",
                        GateReport.blocking(result, failOn).size(), failOn, AppliedHistory.table(configuration, connection));
            } else {
                report(result, failOn, config.postgresVersion());
            }
            LOG.info("flyway-zdm lint gate took {} ms ({} ms to list the pending migrations)",
                    (System.nanoTime() - start) / 1_000_000, (read - start) / 1_000_000);
        } catch (SQLException e) {
            throw new ZdmLintGateException("flyway-zdm lint gate could not read table sizes from the database ("
                    + e.getSQLState() + ": " + e.getMessage() + "); nothing was applied. Set flyway.zdm.lint.gate=false to "
                    + "skip the gate.");
        }
    }

    static LintConfig config(ZdmSettings settings, Configuration configuration, Connection connection) throws SQLException {
        String version = settings.text("postgresVersion");
        int major;
        if (version.isEmpty()) {
            major = connection.getMetaData().getDatabaseMajorVersion();
        } else if (version.matches("\\d{1,2}")) {
            major = Integer.parseInt(version);
        } else {
            throw new ZdmConfigurationException("Invalid value for flyway.zdm.postgresVersion: '" + version
                    + "' must be a PostgreSQL major version such as 15.");
        }
        Map<String, String> rules = new HashMap<>();
        if (configuration.isMixed()) {
            // The user chose flyway.mixed=true: a migration mixing CONCURRENTLY with other statements is deliberate.
            rules.put("ZDM104", "off");
        }
        try {
            rules.putAll(LintConfig.parseRuleSettings(settings.text("lint.rules")));
        } catch (IllegalArgumentException e) {
            throw new ZdmConfigurationException("Invalid value for flyway.zdm.lint.rules: " + e.getMessage());
        }
        return LintConfig.defaults().withPostgresVersion(major).withAssumeRunner(settings.bool("lint.assumeRunner"))
                .withRuleSettings(rules).withSince(since(settings.text("lint.since")));
    }

    private static String since(String since) {
        if (since.isEmpty()) {
            return null;
        }
        try {
            MigrationVersion.parse(since.regionMatches(true, 0, "V", 0, 1) ? since.substring(1) : since);
            return since.regionMatches(true, 0, "V", 0, 1) ? since.substring(1) : since;
        } catch (IllegalArgumentException e) {
            throw new ZdmConfigurationException("Invalid value for flyway.zdm.lint.since: '" + since
                    + "' must be a migration version such as 12 or 1.2 (V12 is read as 12).");
        }
    }

    static String defaultSchema(Configuration configuration) {
        if (configuration.getDefaultSchema() != null) {
            return configuration.getDefaultSchema();
        }
        String[] schemas = configuration.getSchemas();
        return schemas != null && schemas.length > 0 ? schemas[0] : null;
    }

    private static void report(LintResult result, String failOn, int pgVersion) {
        GateReport.log(LOG, result.findings());
        LOG.info("flyway-zdm lint gate: {} pending statement(s) in {} migration(s) checked against PostgreSQL {}; "
                + "nothing reaches failOn={}", result.statements(), result.files(), pgVersion, failOn);
    }

    @Override
    public String getCallbackName() {
        return "flyway-zdm lint gate";
    }
}
