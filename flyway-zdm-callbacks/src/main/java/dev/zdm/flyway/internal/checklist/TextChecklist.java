package dev.zdm.flyway.internal.checklist;

import dev.zdm.core.report.TaskList;
import dev.zdm.flyway.internal.checklist.ChecklistReport.ItemResult;

/** {@link ChecklistReport} for a terminal: one line per item, its evidence indented below it. */
final class TextChecklist {
    private TextChecklist() {
    }

    static String render(ChecklistReport r) {
        StringBuilder out = new StringBuilder();
        out.append(heading(r)).append("\n\n");
        for (ItemResult i : r.items()) {
            out.append("  ").append(TaskList.box(i.tick().outcome())).append(' ').append(i.id()).append(' ').append(i.question()).append(' ')
                    .append(i.summary()).append('\n');
            for (Evidence e : i.evidence()) {
                out.append(TaskList.textLine("      ", true, e.tick() == null ? null : e.tick().outcome(), e.location(), e.detail(),
                        e.shownFix(), "            "));
            }
        }
        out.append('\n').append(verdict(r)).append('\n');
        return out.toString();
    }

    static String heading(ChecklistReport r) {
        String scope = r.pending().size() + (r.pending().size() == 1 ? " pending migration" : " pending migrations");
        return r.online()
                ? "flyway-zdm checklist of database " + r.database() + " (PostgreSQL " + r.serverVersion() + "): " + scope
                : "flyway-zdm checklist, offline (no database configured: every migration of the locations counts as pending, "
                        + "sizes are unknown): " + scope;
    }

    /** {@code 3 ticked, 1 unticked (ZDC04), 1 unknown (ZDC01).} */
    static String verdict(ChecklistReport r) {
        StringBuilder out = new StringBuilder();
        out.append(r.ids(Tick.TICKED).size()).append(" ticked");
        for (Tick t : new Tick[] {Tick.UNTICKED, Tick.UNKNOWN}) {
            if (!r.ids(t).isEmpty()) {
                out.append(", ").append(r.ids(t).size()).append(t == Tick.UNTICKED ? " unticked (" : " unknown (")
                        .append(String.join(", ", r.ids(t))).append(')');
            }
        }
        return out.append('.').toString();
    }
}
