package dev.zdm.core.lint;

import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationLock;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.SqlStatement;
import dev.zdm.core.sql.StatementKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the findings of one run, applying the configured severity per rule, and attaches to each the locks in
 * force while its statement runs (the statement's own, raised to what earlier statements of the same transaction
 * already hold) and the migration of the run that created its relation before it.
 */
final class FindingSink {
    private final LintConfig config;
    private final List<Finding> findings = new ArrayList<>();
    private SchemaState schema;
    private boolean transactional;

    FindingSink(LintConfig config) {
        this.config = config;
    }

    /** The file whose statements come next, and whether Flyway runs them in one transaction. */
    void startFile(SchemaState state, boolean inTransaction) {
        this.schema = state;
        this.transactional = inTransaction;
    }

    void add(Rule rule, Severity severity, SqlStatement statement, RelationName relation, String message, String fix) {
        Severity effective = config.severityOverride(rule.id()).orElse(severity);
        List<FindingLock> locks = locks(statement);
        String note = heldNote(locks);
        String createdBy = relation == null || schema == null ? null : schema.createdBy(relation).orElse(null);
        findings.add(new Finding(rule.id(), effective, statement.file(), statement.line(), statement.column(),
                statement.sql(), message + note, fix, relation, rule.impact(), locks, createdBy));
    }

    private List<FindingLock> locks(SqlStatement statement) {
        List<FindingLock> out = new ArrayList<>();
        for (RelationLock own : statement.model().locks()) {
            LockLevel mode = own.level();
            int since = 0;
            for (SqlStatement earlier : transactional ? earlierInTransaction(statement) : List.<SqlStatement>of()) {
                if (statement.script().createdBefore(own.relation(), earlier.index())) {
                    continue;
                }
                LockLevel held = earlier.model().lockOn(own.relation()).orElse(null);
                if (held != null && held.compareTo(mode) > 0) {
                    mode = held;
                    since = earlier.line();
                }
            }
            out.add(new FindingLock(own.relation(), mode, since));
        }
        return out;
    }

    /** The statements before {@code statement} in its file since the last transaction-control statement. */
    private static List<SqlStatement> earlierInTransaction(SqlStatement statement) {
        List<SqlStatement> all = statement.script().statements();
        List<SqlStatement> out = new ArrayList<>();
        for (int i = 0; i < statement.index() && i < all.size(); i++) {
            if (all.get(i).model().kind() == StatementKind.TRANSACTION_CONTROL) {
                out.clear();
            } else {
                out.add(all.get(i));
            }
        }
        return out;
    }

    /** A sentence for the message when an earlier statement's lock, held until commit, blocks more than this one's. */
    private static String heldNote(List<FindingLock> locks) {
        StringBuilder out = new StringBuilder();
        for (FindingLock l : locks) {
            if (l.heldSince() > 0) {
                out.append(" The transaction already holds ").append(l.mode().sql()).append(" on ").append(l.relation().display())
                        .append(" (taken at line ").append(l.heldSince()).append(", held until commit): ")
                        .append(l.blocks()).append(" on it wait meanwhile.");
            }
        }
        return out.toString();
    }

    void addAt(Rule rule, Severity severity, String file, int line, String text, String message, String fix) {
        Severity effective = config.severityOverride(rule.id()).orElse(severity);
        findings.add(new Finding(rule.id(), effective, file, line, 1, text, message, fix, null, rule.impact(), List.of(), null));
    }

    /**
     * A finding of {@code rule} on the statement of {@code original} (same place, relation, locks and creator), for a rule
     * that judges what another rule found (ZDM151 judges breaking findings by the migration's phase).
     */
    void addLike(Rule rule, Severity severity, Finding original, String message, String fix) {
        Severity effective = config.severityOverride(rule.id()).orElse(severity);
        findings.add(new Finding(rule.id(), effective, original.file(), original.line(), original.column(), original.statement(),
                message, fix, original.relation(), rule.impact(), original.locks(), original.createdBy()));
    }

    /** The findings of the current file so far, before suppressions. */
    List<Finding> pending() {
        return List.copyOf(findings);
    }

    List<Finding> drain() {
        List<Finding> out = new ArrayList<>(findings);
        findings.clear();
        return out;
    }
}
