package dev.zdm.flyway.internal.gate;

import dev.zdm.core.lint.Finding;
import dev.zdm.core.lint.LintConfig;
import dev.zdm.core.lint.LintResult;
import dev.zdm.core.lint.Linter;
import dev.zdm.core.lint.MigrationSource;
import dev.zdm.core.sql.RelationLock;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.SqlStatement;
import dev.zdm.flyway.internal.HistorySchema;
import dev.zdm.flyway.internal.ZdmSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * The gate's judgement of the pending SQL migrations against the live database, shared by the migrate-time gate
 * ({@link MigrationLintGate}) and read-only commands such as {@code zdm:status}: static lint, then the verdict
 * adjusted to the live table sizes ({@link GateVerdict}), then the configured acceptances. Catalog and statistics
 * reads only ({@link LiveCatalog}): it never waits for a lock on a user table.
 */
public final class LiveLint {
    private LiveLint() {
    }

    /**
     * The verdict on the pending SQL migrations.
     *
     * @param result          the findings, adjusted to the live database
     * @param failOn          the severity at which {@code migrate} would refuse ({@code flyway.zdm.lint.failOn})
     * @param postgresVersion the PostgreSQL major the rules judged for
     * @param fresh           true when no migration is applied yet: {@code migrate} then only reports, never refuses
     * @param sizes           the live size of each relation a finding is about, by its display name
     */
    public record Verdict(LintResult result, String failOn, int postgresVersion, boolean fresh, Map<String, RelationSize> sizes) {
        /** Whether {@code migrate} would refuse to start because of these findings. */
        public boolean blocksMigrate() {
            return !fresh && result.fails(failOn);
        }
    }

    /** What the catalog says about one relation: whether it exists and its estimated rows (statistics, not a count). */
    public record RelationSize(String relation, boolean exists, long rows) {
    }

    /** Flyway's view of the migrations of this configuration, read on {@code connection} without callbacks. */
    public static MigrationInfoService migrations(Configuration configuration, Connection connection) {
        return PendingMigrations.info(configuration, connection);
    }

    /** The SQL migrations among {@code infos} with their text (placeholders replaced), read as the gate reads pending ones. */
    public static List<MigrationSource> sources(Configuration configuration, org.flywaydb.core.api.MigrationInfo[] infos) {
        return PendingMigrations.read(configuration, infos);
    }

    /** The estimated size of {@code relation} (schema-qualified), from the catalog and statistics only. */
    public static RelationSize size(Connection connection, RelationName relation) throws SQLException {
        TableSize size = new LiveCatalog(connection, null).size(relation);
        return new RelationSize(relation.display(), size.exists(), size.rows());
    }

    /**
     * Lints the pending SQL migrations of {@code migrations} (from {@link #migrations}) as the gate would at
     * {@code migrate}; {@code notes} receives what the gate would log about acceptances and the baseline.
     */
    public static Verdict pending(Configuration configuration, Connection connection, MigrationInfoService migrations,
                                  Consumer<String> notes) throws SQLException {
        ZdmSettings.Lint lint = ZdmSettings.of(configuration).lint();
        LintConfig config = MigrationLintGate.config(lint, configuration, connection);
        List<MigrationSource> pending = PendingMigrations.read(configuration, migrations.pending());
        LiveCatalog catalog = new LiveCatalog(connection, HistorySchema.configured(configuration).orElse(null));
        LintResult result = judge(pending, config, lint, Acceptances.parse(lint.accept()), catalog, notes, notes);
        Map<String, RelationSize> sizes = new LinkedHashMap<>();
        for (Finding f : result.findings()) {
            if (f.relation() != null && !sizes.containsKey(f.relation().display())) {
                TableSize size = catalog.size(f.relation());
                sizes.put(f.relation().display(), new RelationSize(f.relation().display(), size.exists(), size.rows()));
            }
        }
        return new Verdict(result, lint.failOn(), config.postgresVersion(),
                AppliedHistory.fresh(configuration, connection), sizes);
    }

    /**
     * The relations the pending SQL migrations of {@code migrations} lock, as the analyzer reads each statement, once
     * each in order of appearance (names as written: unqualified ones resolve through the search path).
     */
    public static List<RelationName> touchedRelations(Configuration configuration, MigrationInfoService migrations) {
        List<RelationName> out = new ArrayList<>();
        for (MigrationSource source : PendingMigrations.read(configuration, migrations.pending())) {
            for (SqlStatement statement : SqlScript.parse(source.fileName(), source.text()).statements()) {
                for (RelationLock lock : statement.model().locks()) {
                    if (out.stream().noneMatch(r -> r.sameAs(lock.relation()))) {
                        out.add(lock.relation());
                    }
                }
            }
        }
        return out;
    }

    /** Lint, live verdict, acceptances: the one sequence the gate and the commands share. */
    static LintResult judge(List<MigrationSource> pending, LintConfig config, ZdmSettings.Lint lint, Acceptances accepted,
                            LiveCatalog catalog, Consumer<String> info, Consumer<String> warn) throws SQLException {
        LintResult result = new Linter(config, GateBaseline.read(lint.baseline(), warn), catalog).lint(pending);
        result = GateVerdict.adjust(result, catalog, lint.smallTableRows());
        return accepted.apply(result, info, warn);
    }
}
