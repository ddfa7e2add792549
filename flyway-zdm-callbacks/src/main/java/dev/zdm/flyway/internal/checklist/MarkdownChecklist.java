package dev.zdm.flyway.internal.checklist;

import dev.zdm.core.report.TaskList;
import dev.zdm.flyway.internal.checklist.ChecklistReport.ItemResult;

/**
 * {@link ChecklistReport} as Markdown for a pull request: a task list with {@code - [x]} (ticked), {@code - [ ]}
 * (unticked) and {@code - [?]} (unknown), the evidence as a nested list (its ticked and unticked lines as tasks too),
 * names and migration lines as code spans ({@link TaskList}).
 */
final class MarkdownChecklist {
    private MarkdownChecklist() {
    }

    static String render(ChecklistReport r) {
        StringBuilder out = new StringBuilder();
        out.append("### flyway-zdm checklist: ");
        if (r.online()) {
            out.append(TaskList.code(r.database())).append(" (PostgreSQL ").append(r.serverVersion()).append(')');
        } else {
            out.append("offline (no database configured: sizes unknown)");
        }
        out.append(", ").append(r.pending().size()).append(r.pending().size() == 1 ? " pending migration" : " pending migrations")
                .append("\n\n**").append(TextChecklist.verdict(r)).append("**\n\n");
        for (ItemResult i : r.items()) {
            out.append(TaskList.markdownTask(i.tick().outcome(), i.question(), i.summary() + " (" + i.id() + ")"));
            for (Evidence e : i.evidence()) {
                out.append(TaskList.markdownLine(e.tick() == null ? null : e.tick().outcome(), e.location(), e.detail(), e.shownFix()));
            }
        }
        out.append("\nItems are described in docs/checklist.md of flyway-zdm.\n");
        return out.toString();
    }
}
