package dev.zdm.flyway.internal.checklist;

import dev.zdm.core.lint.Finding;
import dev.zdm.core.lint.Impact;
import dev.zdm.core.phase.MigrationPhase;
import dev.zdm.core.phase.PhaseDeclaration;
import dev.zdm.core.report.Location;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ZDC02: no breaking statement (a lint finding with impact {@code breaking}: rename or drop of a column or table, DROP
 * NOT NULL; docs/rules.md) outside a migration declared {@code -- zdm:phase=contract}. A breaking statement on a table
 * the run creates, or one missing on the target, breaks no running application.
 */
final class BackwardsCompatibleItem implements ChecklistItem {
    @Override
    public String id() {
        return "ZDC02";
    }

    @Override
    public String name() {
        return "backwards-compatible";
    }

    @Override
    public String question() {
        return "Migration is backwards compatible?";
    }

    @Override
    public String summary() {
        return "No breaking statement (rename or drop of a column or table, DROP NOT NULL) outside a migration declared "
                + "-- zdm:phase=contract";
    }

    @Override
    public String why() {
        return "During a rolling deploy the old version of the application keeps running against the migrated schema: a "
                + "column or table it still reads that is dropped or renamed fails its queries at once, and a dropped NOT NULL "
                + "lets the new code write rows the old code cannot read. Such changes belong in a contract migration, applied "
                + "only once no old instance is left.";
    }

    @Override
    public String fix() {
        return "Expand first (add the new column or table, write both, backfill), ship the application that no longer uses "
                + "the old one, then move the breaking statement into a migration of its own declared -- zdm:phase=contract "
                + "at the top (applied by zdm:contract).";
    }

    @Override
    public ItemOutcome judge(ChecklistContext context) throws SQLException {
        Map<String, Finding> byStatement = new LinkedHashMap<>();
        for (Finding f : context.lint().findings()) {
            if (f.impact() == Impact.BREAKING) {
                // ZDM151 repeats another breaking rule's statement with the phase; keep the finding that names the change.
                byStatement.merge(f.file() + ":" + f.line(), f, (a, b) -> a.ruleId().equals("ZDM151") ? b : a);
            }
        }
        List<Evidence> lines = new ArrayList<>();
        for (Finding f : byStatement.values()) {
            lines.add(judge(context, f));
        }
        for (String unreadable : context.unreadable()) {
            lines.add(Evidence.unknown(Location.file(unreadable), "not a SQL migration: the analyzer cannot see whether it breaks the running "
                    + "application", "check it by hand; keep drops and renames for a contract migration"));
        }
        long bad = lines.stream().filter(e -> e.tick() == Tick.UNTICKED).count();
        String summary = byStatement.isEmpty() ? "no breaking statement in " + context.scope()
                : bad + " of " + byStatement.size() + (byStatement.size() == 1 ? " breaking statement" : " breaking statements")
                        + " outside a contract migration";
        return new ItemOutcome(summary, lines);
    }

    private static Evidence judge(ChecklistContext context, Finding f) throws SQLException {
        Location subject = Location.line(f.file(), f.line());
        String what = f.ruleId() + " " + firstSentence(f.message());
        if (f.createdBy() != null) {
            return Evidence.ticked(subject, what + " (" + f.relation().display() + " is created by " + f.createdBy()
                    + " in this run: nothing uses it yet)");
        }
        if (f.relation() != null) {
            TableState state = TableState.of(context, f.relation());
            if (state.kind() == TableState.Kind.MISSING) {
                return Evidence.ticked(subject, what + " (" + state.describe() + ")");
            }
        }
        Optional<MigrationPhase> phase = context.pending().stream().filter(m -> m.fileName().equals(f.file())).findFirst()
                .flatMap(m -> PhaseDeclaration.of(m.sql()));
        if (phase.isPresent() && phase.get() == MigrationPhase.CONTRACT) {
            return Evidence.ticked(subject, what + "; the migration is declared " + MigrationPhase.CONTRACT.directive()
                    + ": it runs once the old application is gone");
        }
        String declared = phase.map(p -> "declared " + p.directive()).orElse("not declared " + MigrationPhase.CONTRACT.directive());
        return Evidence.unticked(subject, what + "; the migration is " + declared + ": the running application still uses "
                        + "what it changes",
                "move it into a migration of its own declared " + MigrationPhase.CONTRACT.directive() + ", applied after the "
                        + "application stopped using it");
    }

    /** The finding's first sentence, without the gate's size note. */
    private static String firstSentence(String message) {
        String m = message;
        int note = m.indexOf(" [");
        if (note > 0) {
            m = m.substring(0, note);
        }
        int end = m.indexOf(". ");
        return end > 0 ? m.substring(0, end) : m;
    }
}
