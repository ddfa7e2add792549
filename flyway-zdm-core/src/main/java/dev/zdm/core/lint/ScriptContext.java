package dev.zdm.core.lint;

import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.SqlStatement;

/** What a rule sees about a whole migration script. */
public final class ScriptContext {
    private final SqlScript script;
    private final MigrationSource source;
    private final LintConfig config;
    private final SchemaState schema;
    private final FindingSink sink;
    private Rule rule;

    ScriptContext(SqlScript script, MigrationSource source, LintConfig config, SchemaState schema, FindingSink sink) {
        this.script = script;
        this.source = source;
        this.config = config;
        this.schema = schema;
        this.sink = sink;
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
