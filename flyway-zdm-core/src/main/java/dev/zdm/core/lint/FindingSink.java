package dev.zdm.core.lint;

import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;

/** Collects the findings of one run, applying the configured severity per rule. */
final class FindingSink {
    private final LintConfig config;
    private final List<Finding> findings = new ArrayList<>();

    FindingSink(LintConfig config) {
        this.config = config;
    }

    void add(Rule rule, Severity severity, SqlStatement statement, RelationName relation, String message, String fix) {
        Severity effective = config.severityOverride(rule.id()).orElse(severity);
        findings.add(new Finding(rule.id(), effective, statement.file(), statement.line(), statement.column(),
                statement.sql(), message, fix, relation, rule.impact()));
    }

    void addAt(Rule rule, Severity severity, String file, int line, String text, String message, String fix) {
        Severity effective = config.severityOverride(rule.id()).orElse(severity);
        findings.add(new Finding(rule.id(), effective, file, line, 1, text, message, fix, null, rule.impact()));
    }

    List<Finding> drain() {
        List<Finding> out = new ArrayList<>(findings);
        findings.clear();
        return out;
    }
}
