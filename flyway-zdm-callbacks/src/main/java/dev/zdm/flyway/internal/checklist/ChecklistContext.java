package dev.zdm.flyway.internal.checklist;

import dev.zdm.core.lint.Finding;
import dev.zdm.core.lint.LintResult;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.SqlStatement;
import dev.zdm.core.sql.StatementKind;
import java.util.ArrayList;
import java.util.List;

/**
 * What the items judge.
 *
 * @param online            true when the target database was read; false: the files alone, every size unknown
 * @param pending           the pending SQL migrations in Flyway's order (offline: every SQL migration of the locations)
 * @param unreadable        pending migrations the analyzer cannot read (Java migrations), as Flyway names them
 * @param lint              the lint findings on {@code pending} (online: as the migrate-time gate judges them)
 * @param sizes             the target's table sizes
 * @param largeTableRows    from how many rows a table is large (batching)
 * @param rehearsalFraction see {@link ChecklistOptions#rehearsalFraction()}
 * @param rehearsals        where rehearsals are recorded
 * @param locationFiles     every file name in Flyway's locations (undo migrations live there)
 */
public record ChecklistContext(boolean online, List<PendingMigration> pending, List<String> unreadable, LintResult lint,
                               TableSizes sizes, long largeTableRows, double rehearsalFraction, RehearsalRecords rehearsals,
                               List<String> locationFiles) {
    public ChecklistContext {
        pending = List.copyOf(pending);
        unreadable = List.copyOf(unreadable);
        locationFiles = List.copyOf(locationFiles);
    }

    /** Every statement of the pending migrations, in run order, each knowing what the run created before it. */
    List<PendingStatement> statements() {
        List<PendingStatement> out = new ArrayList<>();
        List<PendingStatement.Created> created = new ArrayList<>();
        for (PendingMigration m : pending) {
            for (SqlStatement s : m.sql().statements()) {
                out.add(new PendingStatement(m, s, created));
                RelationName made = s.model().created();
                if (made != null) {
                    created.add(new PendingStatement.Created(made, m.fileName()));
                }
                if (s.model().kind() == StatementKind.CREATE_TABLE && s.model().table() != null && made == null) {
                    created.add(new PendingStatement.Created(s.model().table(), m.fileName()));
                }
            }
        }
        return out;
    }

    /** The lint findings at {@code statement}'s line of its migration. */
    List<Finding> findingsAt(PendingStatement statement) {
        return lint.findings().stream().filter(f -> f.file().equals(statement.migration().fileName())
                && f.line() == statement.statement().line()).toList();
    }

    /** {@code 3 pending migrations} (offline: every migration of the locations counts as pending). */
    String scope() {
        int n = pending.size() + unreadable.size();
        return n + (n == 1 ? " pending migration" : " pending migrations");
    }
}
