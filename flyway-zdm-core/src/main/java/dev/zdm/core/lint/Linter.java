package dev.zdm.core.lint;

import dev.zdm.core.ddl.ColumnChangeDirective;
import dev.zdm.core.phase.MigrationPhase;
import dev.zdm.core.phase.PhaseDeclaration;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.SqlStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lints migrations: splits each file, runs every enabled rule that applies to the target PostgreSQL
 * version on each statement and each script, then removes suppressed and baselined findings.
 * <pre>
 * LintResult result = new Linter(LintConfig.defaults().withPostgresVersion(15)).lint(sources);
 * </pre>
 * Files are read in Flyway order (versions, then repeatables) so that what one migration creates is
 * known to the next. Migrations older than {@link LintConfig#since()} are read but not reported. A migration's phase
 * ({@code -- zdm:phase=}, see {@link PhaseDeclaration}) decides how breaking findings count: in a contract migration
 * they are expected ({@link ContractFindings}), in an expand or migrate one rule ZDM151 makes them errors.
 */
public final class Linter {
    private final LintConfig config;
    private final List<Rule> rules;
    private final Baseline baseline;
    private final LiveSchema live;

    public Linter(LintConfig config) {
        this(config, Baseline.empty());
    }

    public Linter(LintConfig config, Baseline baseline) {
        this(config, baseline, LiveSchema.NONE);
    }

    /** A linter that also knows the live database's column types (the migrate-time gate). */
    public Linter(LintConfig config, Baseline baseline, LiveSchema live) {
        this.config = config;
        this.baseline = baseline;
        this.live = live;
        this.rules = Rules.all().stream()
                .filter(r -> config.enabled(r.id()) && r.versions().contains(config.postgresVersion()))
                .toList();
    }

    public LintResult lint(List<MigrationSource> sources) {
        List<MigrationSource> ordered = new ArrayList<>(sources);
        ordered.sort(Comparator.comparing(MigrationSource::version).thenComparing(MigrationSource::fileName));
        MigrationVersion since = config.since() == null ? null : MigrationVersion.parse(config.since());
        SchemaState schema = new SchemaState(live);
        FindingSink sink = new FindingSink(config);
        List<Finding> findings = new ArrayList<>();
        Map<String, String> paths = new LinkedHashMap<>();
        Map<RelationName, String> createdBy = new LinkedHashMap<>();
        int statements = 0;
        int files = 0;
        int suppressed = 0;
        int baselined = 0;
        for (MigrationSource source : ordered) {
            boolean report = since == null || source.version().compareTo(since) >= 0;
            schema.startFile(source.fileName(), since != null && report);
            SqlScript script = SqlScript.parse(source.fileName(), source.text());
            sink.startFile(schema, !Boolean.FALSE.equals(source.executeInTransaction()) && !script.hasNonTransactionalStatement());
            for (SqlStatement statement : script.statements()) {
                if (report) {
                    StatementContext context = new StatementContext(statement, config, schema, sink);
                    for (Rule rule : rules) {
                        context.forRule(rule);
                        rule.check(context);
                    }
                }
                schema.apply(statement);
            }
            ColumnChangeDirective.of(script).ifPresent(schema::columnChanged);
            if (!report) {
                sink.drain();
                continue;
            }
            boolean breaking = sink.pending().stream().anyMatch(f -> f.impact() == Impact.BREAKING);
            Optional<MigrationPhase> phase = PhaseDeclaration.effective(script, config.phases(), breaking);
            ScriptContext scriptContext = new ScriptContext(script, source, config, schema, sink, phase);
            for (Rule rule : rules) {
                scriptContext.forRule(rule);
                rule.checkScript(scriptContext);
            }
            files++;
            statements += script.statements().size();
            paths.put(source.fileName(), source.path());
            for (RelationName created : script.createdRelations()) {
                createdBy.putIfAbsent(created, source.fileName());
            }
            List<Finding> ofFile = ContractFindings.playDown(sink.drain(), phase, PhaseDeclaration.of(script).isPresent());
            ofFile.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column).thenComparing(Finding::ruleId));
            for (Finding f : ofFile) {
                if (Suppressions.suppressed(f, script)) {
                    suppressed++;
                } else if (baseline.accepts(f)) {
                    baselined++;
                } else {
                    findings.add(f);
                }
            }
        }
        return new LintResult(findings, statements, files, suppressed, baselined, paths, createdBy);
    }
}
