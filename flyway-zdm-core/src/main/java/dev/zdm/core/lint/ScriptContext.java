package dev.zdm.core.lint;

import dev.zdm.core.phase.MigrationPhase;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.SqlStatement;
import java.util.List;
import java.util.Optional;

/** What a rule sees about a whole migration script. */
public final class ScriptContext {
    private final SqlScript script;
    private final MigrationSource source;
    private final LintConfig config;
    private final SchemaState schema;
    private final FindingSink sink;
    private final Optional<MigrationPhase> phase;
    private Rule rule;

    ScriptContext(SqlScript script, MigrationSource source, LintConfig config, SchemaState schema, FindingSink sink,
                  Optional<MigrationPhase> phase) {
        this.script = script;
        this.source = source;
        this.config = config;
        this.schema = schema;
        this.sink = sink;
        this.phase = phase;
    }

    void forRule(Rule current) {
        this.rule = current;
    }

    public SqlScript script() {
        return script;
    }

    public MigrationSource source() {
        return source;
    }

    public int pgVersion() {
        return config.postgresVersion();
    }

    public LintConfig config() {
        return config;
    }

    /**
     * The phase the migration is treated as: the one it declares with {@code -- zdm:phase=}, or contract for an undeclared
     * migration with a breaking statement under {@code phases=strict}; empty when undeclared.
     */
    public Optional<MigrationPhase> phase() {
        return phase;
    }

    /** The findings rules reported on this migration's statements that break old application code ({@link Impact#BREAKING}). */
    public List<Finding> breakingFindings() {
        return sink.pending().stream().filter(f -> f.impact() == Impact.BREAKING).toList();
    }

    /** Reports a finding of this rule on the statement another rule's finding is about. */
    public void reportOn(Finding original, String message, String fix) {
        sink.addLike(rule, rule.defaultSeverity(), original, message, fix);
    }

    /** True when {@code relation} was created by statement {@code before} or earlier ones in this run, see {@link StatementContext#isNew}. */
    public boolean isNewAt(RelationName relation, SqlStatement at) {
        return relation != null && (script.createdBefore(relation, at.index()) || schema.isNewFromEarlierFile(relation, script.file()));
    }

    /** Reports a finding on a line that is not a statement (a comment), at column 1, with the line's text. */
    public void reportAt(int line, String text, String message, String fix) {
        reportAt(rule.defaultSeverity(), line, text, message, fix);
    }

    /** {@link #reportAt(int, String, String, String)} at a severity other than the rule's default. */
    public void reportAt(Severity severity, int line, String text, String message, String fix) {
        sink.addAt(rule, severity, script.file(), line, text, message, fix);
    }

    public void report(SqlStatement statement, RelationName relation, String message, String fix) {
        sink.add(rule, rule.defaultSeverity(), statement, relation, message, fix);
    }
}
