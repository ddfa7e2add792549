package dev.zdm.flyway.internal.checklist;

import dev.zdm.core.lint.Finding;
import dev.zdm.core.report.Location;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.StatementDetail;
import dev.zdm.core.sql.StatementKind;
import dev.zdm.core.sql.StatementModel;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * ZDC04: every CREATE INDEX, DROP INDEX and REINDEX of an existing table with rows is CONCURRENTLY, and no ALTER TABLE
 * builds a UNIQUE or PRIMARY KEY index on one (lint ZDM118). An index on a table the run creates, or on an empty or
 * missing one, needs no CONCURRENTLY.
 */
final class ConcurrentIndexItem implements ChecklistItem {
    private static final Set<String> WHOLE_SCOPES = Set.of("SCHEMA", "DATABASE", "SYSTEM");

    @Override
    public String id() {
        return "ZDC04";
    }

    @Override
    public String name() {
        return "indexes-concurrently";
    }

    @Override
    public String question() {
        return "Indexes created concurrently?";
    }

    @Override
    public String summary() {
        return "Every CREATE INDEX, DROP INDEX and REINDEX of an existing table with rows is CONCURRENTLY, and no ALTER "
                + "TABLE builds a UNIQUE or PRIMARY KEY index on one";
    }

    @Override
    public String why() {
        return "CREATE INDEX without CONCURRENTLY holds a SHARE lock for the whole build: every INSERT, UPDATE and DELETE on "
                + "the table waits, for minutes on a large table. DROP INDEX and REINDEX take ACCESS EXCLUSIVE (REINDEX of a "
                + "table: SHARE), and ADD CONSTRAINT ... UNIQUE / PRIMARY KEY builds its index under ACCESS EXCLUSIVE, blocking "
                + "reads too. The size comes from the target's statistics, so an index on an empty or new table is not held "
                + "against the migration.";
    }

    @Override
    public String fix() {
        return "Write CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY or REINDEX ... CONCURRENTLY (flyway-zdm runs the "
                + "migration outside a transaction and rebuilds an index a failed build left invalid); for a unique constraint "
                + "build the index CONCURRENTLY first, then ADD CONSTRAINT ... UNIQUE USING INDEX (the lint's ZDM118 fix).";
    }

    @Override
    public ItemOutcome judge(ChecklistContext context) throws SQLException {
        List<Evidence> lines = new ArrayList<>();
        int statements = 0;
        for (PendingStatement s : context.statements()) {
            StatementModel model = s.statement().model();
            Evidence line = switch (model.kind()) {
                case CREATE_INDEX, DROP_INDEX, REINDEX -> index(context, s, model);
                case ALTER_TABLE -> constraintIndex(context, s);
                default -> null;
            };
            if (line != null) {
                statements++;
                lines.add(line);
            }
        }
        for (String unreadable : context.unreadable()) {
            lines.add(Evidence.unknown(Location.file(unreadable), "not a SQL migration: the analyzer cannot see which indexes it builds",
                    "check it by hand: build indexes with CONCURRENTLY (Zdm.createIndexConcurrently in a ZdmJavaMigration)"));
        }
        long bad = lines.stream().filter(e -> e.tick() == Tick.UNTICKED).count();
        String summary = statements == 0 ? "no index statement in " + context.scope()
                : bad + " of " + statements + (statements == 1 ? " index statement" : " index statements")
                        + " block a table with rows";
        return new ItemOutcome(summary, lines);
    }

    private static Evidence index(ChecklistContext context, PendingStatement s, StatementModel model) throws SQLException {
        String what = StatementVerdict.kind(model);
        if (model.concurrently()) {
            return Evidence.ticked(s.location(), what + " " + target(model));
        }
        if (model.kind() == StatementKind.REINDEX) {
            StatementDetail.Reindex r = model.detail(StatementDetail.Reindex.class).orElse(null);
            if (r != null && WHOLE_SCOPES.contains(r.target().toUpperCase(Locale.ROOT))) {
                return Evidence.unticked(s.location(), "REINDEX " + r.target() + " without CONCURRENTLY locks every table it "
                        + "reindexes in turn", "REINDEX " + r.target() + " CONCURRENTLY " + (r.name() == null ? "" : r.name().display()));
            }
        }
        RelationName relation = model.kind() == StatementKind.CREATE_INDEX ? model.table() : model.index() != null ? model.index() : model.table();
        if (relation == null) {
            return Evidence.unknown(s.location(), what + ": the analyzer could not read its table", "check it by hand");
        }
        TableState state = TableState.of(context, s, relation);
        String lock = model.strongestLock() == null ? "" : ": its " + model.strongestLock().sql() + " lock, held for the whole "
                + "statement, blocks " + model.strongestLock().blocks();
        return switch (state.kind()) {
            case CREATED_IN_RUN, MISSING -> Evidence.ticked(s.location(), what + " without CONCURRENTLY on " + state.describe());
            case UNKNOWN -> Evidence.unknown(s.location(), what + " without CONCURRENTLY on " + state.describe(),
                    "write it CONCURRENTLY, or run the checklist against the target to see whether the table has rows");
            case SIZED -> state.existsWithRows()
                    ? Evidence.unticked(s.location(), what + " without CONCURRENTLY on " + state.describe() + lock,
                            concurrentForm(model))
                    : Evidence.ticked(s.location(), what + " without CONCURRENTLY on " + state.describe() + ": empty");
        };
    }

    private static Evidence constraintIndex(ChecklistContext context, PendingStatement s) throws SQLException {
        for (Finding f : context.findingsAt(s)) {
            if (f.ruleId().equals("ZDM118") && f.relation() != null) {
                TableState state = TableState.of(context, s, f.relation());
                String detail = "ALTER TABLE builds a UNIQUE/PRIMARY KEY index on " + state.describe()
                        + " under ACCESS EXCLUSIVE (lint ZDM118)";
                return switch (state.kind()) {
                    case CREATED_IN_RUN, MISSING -> Evidence.ticked(s.location(), detail);
                    case UNKNOWN -> Evidence.unknown(s.location(), detail, "build the index CONCURRENTLY first (lint ZDM118's fix)");
                    case SIZED -> state.existsWithRows() ? Evidence.unticked(s.location(), detail, f.fix())
                            : Evidence.ticked(s.location(), detail + ": empty");
                };
            }
        }
        return null;
    }

    private static String target(StatementModel model) {
        RelationName r = model.kind() == StatementKind.CREATE_INDEX ? model.table() : model.index() != null ? model.index() : model.table();
        return r == null ? "" : "on " + r.display();
    }

    private static String concurrentForm(StatementModel model) {
        return switch (model.kind()) {
            case CREATE_INDEX -> "CREATE INDEX CONCURRENTLY ... in a migration of its own (flyway-zdm runs it outside a transaction)";
            case DROP_INDEX -> "DROP INDEX CONCURRENTLY ... in a migration of its own";
            default -> "REINDEX ... CONCURRENTLY (PostgreSQL 12+) in a migration of its own";
        };
    }
}
