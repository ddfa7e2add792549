package dev.zdm.core.lint;

import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.SqlStatement;
import dev.zdm.core.sql.StatementModel;

/** What a rule sees about one statement: the statement, the target version, and what came before it. */
public final class StatementContext {
    private final SqlStatement statement;
    private final LintConfig config;
    private final SchemaState schema;
    private final FindingSink sink;
    private Rule rule;

    StatementContext(SqlStatement statement, LintConfig config, SchemaState schema, FindingSink sink) {
        this.statement = statement;
        this.config = config;
        this.schema = schema;
        this.sink = sink;
    }

    void forRule(Rule current) {
        this.rule = current;
    }

    public SqlStatement statement() {
        return statement;
    }

    public StatementModel model() {
        return statement.model();
    }

    public SqlScript script() {
        return statement.script();
    }

    /** The PostgreSQL major version the migrations will meet. */
    public int pgVersion() {
        return config.postgresVersion();
    }

    public LintConfig config() {
        return config;
    }

    /** What earlier statements and migrations of this run did. */
    public SchemaState schema() {
        return schema;
    }

    /**
     * True when {@code relation} is new: created earlier in this migration, or by an earlier migration of
     * the run that is not yet in production (see {@link LintConfig#since()}). Data and lock rules do not
     * apply to new tables: nobody else can see them yet.
     */
    public boolean isNew(RelationName relation) {
        return relation != null && schema.isNew(relation, statement.script().file());
    }

    /**
     * True when a {@code DROP ... IF EXISTS} of {@code relation} is certainly a no-op: the run already dropped or
     * renamed it away, or (with a live database) it does not exist and the run never created it.
     */
    public boolean knownAbsent(RelationName relation) {
        return relation != null && schema.knownAbsent(relation);
    }

    /** Reports a finding on this statement at the rule's severity. */
    public void report(RelationName relation, String message, String fix) {
        sink.add(rule, rule.defaultSeverity(), statement, relation, message, fix);
    }

    /** Reports a finding at a severity other than the rule's default (e.g. an uncertain case as a warning). */
    public void report(Severity severity, RelationName relation, String message, String fix) {
        sink.add(rule, severity, statement, relation, message, fix);
    }
}
