package dev.zdm.flyway.internal.checklist;

import dev.zdm.core.report.Location;
import dev.zdm.core.sql.Directive;
import dev.zdm.core.sql.StatementDetail;
import dev.zdm.core.sql.StatementKind;
import dev.zdm.core.sql.StatementModel;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * ZDC03: no UPDATE or DELETE of a large table runs in one statement. Batched means {@code -- zdm:batched} (the runner's
 * keyset batches); large means at least {@link ChecklistContext#largeTableRows()} estimated rows on the target. A
 * statement whose WHERE the lint reads as a lookup by key (no ZDM131 finding) touches a handful of rows and passes.
 */
final class BatchedItem implements ChecklistItem {
    @Override
    public String id() {
        return "ZDC03";
    }

    @Override
    public String name() {
        return "batched";
    }

    @Override
    public String question() {
        return "Batched for large tables?";
    }

    @Override
    public String summary() {
        return "No UPDATE or DELETE of a table with at least flyway.zdm.lint.smallTableRows rows runs as one statement: it "
                + "is marked -- zdm:batched, or its WHERE is a lookup by key";
    }

    @Override
    public String why() {
        return "One UPDATE or DELETE over many rows holds a row lock on each of them until the migration commits, so the "
                + "application's writes to those rows wait for the whole statement; it writes all of its WAL at once (replica "
                + "lag), leaves the dead rows for VACUUM in one go, and a failure near the end rolls everything back. Batches "
                + "of a few thousand rows, each committed, keep every lock short.";
    }

    @Override
    public String fix() {
        return "Mark the statement -- zdm:batched key=<key column> size=5000 in a migration of its own (the runner walks the "
                + "key in committed batches and resumes after a failure), or move it to a BatchedBackfillMigration.";
    }

    @Override
    public ItemOutcome judge(ChecklistContext context) throws SQLException {
        List<Evidence> lines = new ArrayList<>();
        int statements = 0;
        for (PendingStatement s : context.statements()) {
            StatementModel model = s.statement().model();
            if (model.kind() != StatementKind.UPDATE && model.kind() != StatementKind.DELETE) {
                continue;
            }
            Optional<StatementDetail.DataChange> change = model.detail(StatementDetail.DataChange.class);
            if (change.isEmpty() || change.get().table() == null) {
                continue;
            }
            statements++;
            lines.add(judge(context, s, model.kind().name(), change.get()));
        }
        for (String unreadable : context.unreadable()) {
            lines.add(Evidence.unknown(Location.file(unreadable), "not a SQL migration: the analyzer cannot see whether it changes rows of a "
                    + "large table in one transaction", "check it by hand; batch row changes with BatchedBackfillMigration"));
        }
        long bad = lines.stream().filter(e -> e.tick() == Tick.UNTICKED).count();
        String summary = statements == 0 ? "no UPDATE or DELETE in " + context.scope()
                : bad + " of " + statements + (statements == 1 ? " UPDATE/DELETE" : " UPDATEs/DELETEs") + " unbatched on a table of "
                        + String.format(Locale.ROOT, "%,d", context.largeTableRows()) + " rows or more";
        return new ItemOutcome(summary, lines);
    }

    private static Evidence judge(ChecklistContext context, PendingStatement s, String verb, StatementDetail.DataChange change)
            throws SQLException {
        Optional<Directive> batched = s.statement().directive("batched");
        TableState state = TableState.of(context, s, change.table());
        if (batched.isPresent()) {
            return Evidence.ticked(s.location(), verb + " of " + state.describe() + " is batched (-- zdm:"
                    + (batched.get().name() + " " + batched.get().arguments()).strip() + ")");
        }
        boolean byKey = change.where() != null && context.findingsAt(s).stream().noneMatch(f -> f.ruleId().equals("ZDM131"));
        String shape = change.where() == null ? " without WHERE (every row)" : byKey ? " WHERE by key" : " WHERE " + oneLine(change.where());
        String detail = verb + shape + " of " + state.describe();
        if (byKey) {
            return Evidence.ticked(s.location(), detail + ": a lookup by key touches a handful of rows");
        }
        return switch (state.kind()) {
            case CREATED_IN_RUN, MISSING -> Evidence.ticked(s.location(), detail);
            case UNKNOWN -> Evidence.unknown(s.location(), detail + " in one statement",
                    "mark it -- zdm:batched, or run the checklist against the target to see the table's size");
            case SIZED -> state.size().rows() >= context.largeTableRows()
                    ? Evidence.unticked(s.location(), detail + " in one statement, on a table of "
                            + String.format(Locale.ROOT, "%,d", context.largeTableRows()) + " rows or more",
                            "mark it -- zdm:batched key=<key column> size=5000, in a migration of its own")
                    : Evidence.ticked(s.location(), detail + ": below " + String.format(Locale.ROOT, "%,d", context.largeTableRows())
                            + " rows");
        };
    }

    private static String oneLine(String sql) {
        String s = sql.replaceAll("\\s+", " ").strip();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
