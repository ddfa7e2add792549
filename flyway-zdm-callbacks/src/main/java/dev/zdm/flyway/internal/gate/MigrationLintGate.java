package dev.zdm.flyway.internal.gate;

import dev.zdm.core.lint.Finding;
import dev.zdm.core.lint.LintConfig;
import dev.zdm.core.lint.LintResult;
import dev.zdm.core.lint.MigrationSource;
import dev.zdm.flyway.api.ZdmLintGateException;
import dev.zdm.flyway.internal.HistorySchema;
import dev.zdm.flyway.internal.ZdmSettings;
import dev.zdm.flyway.internal.verify.StatisticsSnapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migrate-time gate: before the first pending migration runs (called by the lifecycle callback at its
 * {@code BEFORE_EACH_MIGRATE}, under Flyway's lock, so nothing can be applied in between), it lints all
 * pending SQL migrations against the live database (its PostgreSQL version and table sizes) and refuses to
 * start when an unsuppressed finding reaches {@code flyway.zdm.lint.failOn}. Findings on tables that do not
 * exist yet, are created in this run or are small are downgraded to info; findings accepted in the zdm:lint
 * baseline ({@code lint.baseline}), by {@code lint.accept}, or in migrations older than {@code lint.since} are
 * dropped. A fresh database (no applied migration) is never refused: it migrates as plain Flyway would, at its
 * speed (the gate only lints it, and logs the findings, when its logger is at DEBUG), while production is guarded.
 * With nothing pending the gate returns after a file listing and one query when it can be sure of it.
 */
public final class MigrationLintGate {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationLintGate.class.getPackageName());

    private MigrationLintGate() {
    }

    /**
     * Lints the pending migrations on the migration connection (read-only queries of the catalog and the statistics)
     * and throws {@link ZdmLintGateException} when they must not run.
     */
    public static void check(Configuration configuration, Connection connection) {
        ZdmSettings settings = ZdmSettings.current(configuration);
        ZdmSettings.Lint lint = settings.lint();
        if (!settings.enabled() || !lint.gate()) {
            return;
        }
        long start = System.nanoTime();
        String failOn = lint.failOn();
        Acceptances accepted = Acceptances.parse(lint.accept());
        try {
            LintConfig config = config(lint, configuration, connection);
            boolean fresh = AppliedHistory.fresh(configuration, connection);
            if (fresh && !LOG.isDebugEnabled()) {
                // Nothing uses a fresh database yet (CI, tests, a new environment): it migrates as with plain Flyway, at
                // plain Flyway's speed. Its findings are zdm:lint's, or this log at DEBUG.
                LOG.info("flyway-zdm lint gate: fresh database (no applied migration in {}): not gated, migrating as plain Flyway "
                        + "would; mvn zdm:lint (or logger dev.zdm.flyway.internal.gate at DEBUG) shows the findings", AppliedHistory.table(configuration, connection));
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
            LintResult result = LiveLint.judge(pending, config, lint, accepted,
                    new LiveCatalog(connection, HistorySchema.configured(configuration).orElse(null)), LOG::info, LOG::warn);
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
            if (!fresh) {
                // the run goes on, on a database in use: what zdm:verify's ZDV07 compares the scans after it with
                StatisticsSnapshot.beforeMigrate(configuration, connection, pending.get(0).fileName());
            }
            LOG.info("flyway-zdm lint gate took {} ms ({} ms to list the pending migrations)",
                    (System.nanoTime() - start) / 1_000_000, (read - start) / 1_000_000);
        } catch (SQLException e) {
            throw new ZdmLintGateException("flyway-zdm lint gate could not read table sizes from the database ("
                    + e.getSQLState() + ": " + e.getMessage() + "); nothing was applied. Set flyway.zdm.lint.gate=false to "
                    + "skip the gate.");
        }
    }

    static LintConfig config(ZdmSettings.Lint lint, Configuration configuration, Connection connection) throws SQLException {
        int major = lint.postgresVersion() != null ? lint.postgresVersion() : connection.getMetaData().getDatabaseMajorVersion();
        Map<String, String> rules = new HashMap<>();
        if (configuration.isMixed()) {
            // The user chose flyway.mixed=true: a migration mixing CONCURRENTLY with other statements is deliberate.
            rules.put("ZDM104", "off");
        }
        rules.putAll(lint.rules());
        return LintConfig.defaults().withPostgresVersion(major).withAssumeRunner(lint.assumeRunner())
                .withRuleSettings(rules).withSince(lint.since()).withPhases(lint.phases());
    }

    private static void report(LintResult result, String failOn, int pgVersion) {
        GateReport.log(LOG, result.findings());
        LOG.info("flyway-zdm lint gate: {} pending statement(s) in {} migration(s) checked against PostgreSQL {}; "
                + "nothing reaches failOn={}", result.statements(), result.files(), pgVersion, failOn);
    }
}
