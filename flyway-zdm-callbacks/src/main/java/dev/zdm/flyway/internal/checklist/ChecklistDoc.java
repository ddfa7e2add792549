package dev.zdm.flyway.internal.checklist;

import java.util.Locale;

/** Renders {@code docs/checklist.md} from the item classes, so the docs cannot drift from the code. */
public final class ChecklistDoc {
    private ChecklistDoc() {
    }

    public static String render() {
        StringBuilder out = new StringBuilder();
        out.append("# flyway-zdm checklist\n\n")
                .append("<!-- Generated from the item classes in flyway-zdm-callbacks (dev.zdm.flyway.internal.checklist) by ")
                .append("ChecklistDoc; ChecklistDocTest fails when this file differs. Regenerate: mvn -pl flyway-zdm-callbacks -am test ")
                .append("-Dtest=ChecklistDocTest -Dsurefire.failIfNoSpecifiedTests=false -Dzdm.updateDocs=true -->\n\n")
                .append("`mvn zdm:checklist` (or `ZdmCommands.of(flyway).checklist()`) answers the checklist teams keep for a ")
                .append("migration, before it runs, for the pending migrations against the target database of the project's Flyway ")
                .append("configuration. Each item is ticked (`[x]`), unticked (`[ ]`) or unknown (`[?]`), with the evidence: the ")
                .append("migration lines, the target's table sizes (`pg_class.reltuples`, `pg_total_relation_size`), the analyzer's ")
                .append("reading of each statement and the lint findings (docs/rules.md). It only reads: a read-only session with ")
                .append("`lock_timeout` ").append(ChecklistCollector.LOCK_WAIT).append(", catalogs, statistics and Flyway's history, never ")
                .append("a user table's rows. Without a database (no `flyway.url`) it reads the files alone: every migration of the ")
                .append("locations counts as pending and whatever depends on a table's size is unknown.\n\n")
                .append("The report is text, Markdown (`-Dzdm.format=markdown`, a task list to paste into a pull request) or JSON ")
                .append("(`-Dzdm.format=json`). The goal fails when an item is unticked (`-Dzdm.failOnUnticked=false` to only report); ")
                .append("an unknown item fails it only with `-Dzdm.failOnUnknown=true`. A table counts as large from ")
                .append("`flyway.zdm.lint.smallTableRows` rows (default 10000; `-Dzdm.largeTableRows` for this goal alone); a ")
                .append("rehearsal counts as production-size when each touched table held at least `-Dzdm.rehearsalFraction` ")
                .append("(default ").append(ChecklistOptions.DEFAULT_REHEARSAL_FRACTION).append(") of the target's rows. Rehearsals ")
                .append("are read from `zdm-rehearsals.json` in the project (`-Dzdm.rehearsalFile`), which ")
                .append("`mvn zdm:rehearse -Dzdm.rehearsalUrl=<a restored copy>` appends to.\n\n")
                .append("| id | checklist line | ticked when |\n|---|---|---|\n");
        for (ChecklistItem i : ChecklistItems.all()) {
            out.append("| [").append(i.id()).append("](#").append(i.id().toLowerCase(Locale.ROOT)).append(") | ").append(i.question())
                    .append(" | ").append(i.summary()).append(" |\n");
        }
        for (ChecklistItem i : ChecklistItems.all()) {
            out.append("\n## ").append(i.id()).append("\n\n**").append(i.question()).append("** (`").append(i.name()).append("`): ")
                    .append(i.summary()).append(".\n\n")
                    .append("**Why.** ").append(i.why()).append("\n\n**Fix.** ").append(i.fix()).append("\n");
        }
        return out.toString();
    }
}
