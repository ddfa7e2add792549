package dev.zdm.flyway.internal.checklist;

import dev.zdm.flyway.internal.checklist.ChecklistReport.ItemResult;

/**
 * {@link ChecklistReport} as Markdown for a pull request: a task list with {@code - [x]} (ticked), {@code - [ ]}
 * (unticked) and {@code - [?]} (unknown), the evidence as a nested list (its ticked and unticked lines as tasks too),
 * names and migration lines as code spans.
 */
final class MarkdownChecklist {
    private MarkdownChecklist() {
    }

    static String render(ChecklistReport r) {
        StringBuilder out = new StringBuilder();
        out.append("### flyway-zdm checklist: ");
        if (r.online()) {
            out.append(code(r.database())).append(" (PostgreSQL ").append(r.serverVersion()).append(')');
        } else {
            out.append("offline (no database configured: sizes unknown)");
        }
        out.append(", ").append(r.pending().size()).append(r.pending().size() == 1 ? " pending migration" : " pending migrations")
                .append("\n\n**").append(TextChecklist.verdict(r)).append("**\n\n");
        for (ItemResult i : r.items()) {
            out.append("- [").append(i.tick().box()).append("] **").append(escape(i.question())).append("** ")
                    .append(escape(i.summary())).append(" (").append(i.id()).append(")\n");
            for (Evidence e : i.evidence()) {
                out.append("  - ").append(e.tick() == null ? "" : "[" + e.tick().box() + "] ").append(code(e.subject())).append(": ")
                        .append(escape(e.detail()));
                if (e.fix() != null && e.tick() != Tick.TICKED) {
                    out.append(" Fix: ").append(escape(e.fix()));
                }
                out.append('\n');
            }
        }
        out.append("\nItems are described in docs/checklist.md of flyway-zdm.\n");
        return out.toString();
    }

    /** A code span that survives backticks in the text. */
    private static String code(String text) {
        String fence = text.contains("`") ? "``" : "`";
        return fence + (fence.length() > 1 ? " " + text + " " : text) + fence;
    }

    /** Keeps a line break or a pipe out of the list's structure. */
    private static String escape(String text) {
        return text == null ? "" : text.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
    }
}
