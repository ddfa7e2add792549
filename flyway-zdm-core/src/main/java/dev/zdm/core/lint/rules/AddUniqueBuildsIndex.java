package dev.zdm.core.lint.rules;

import dev.zdm.core.ddl.DerivedNames;
import dev.zdm.core.ddl.OperationPlans;
import dev.zdm.core.ddl.StepDescription;
import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.AlterAction;
import dev.zdm.core.sql.ConstraintDefinition;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationName;
import java.util.List;

/** ZDM118: ADD UNIQUE / PRIMARY KEY that builds its index under ACCESS EXCLUSIVE (no USING INDEX). */
final class AddUniqueBuildsIndex extends Rule {
    AddUniqueBuildsIndex() {
        super("ZDM118", "add-unique-builds-index", Severity.ERROR, Impact.LOCKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "ADD UNIQUE, PRIMARY KEY or EXCLUDE without USING INDEX";
    }

    @Override
    public String why() {
        return "ADD CONSTRAINT ... UNIQUE / PRIMARY KEY builds the index while holding ACCESS EXCLUSIVE on the table: reads "
                + "and writes wait for the whole build. The same holds for a new column declared UNIQUE or PRIMARY KEY, and "
                + "for ADD CONSTRAINT ... EXCLUDE, which has no USING INDEX form at all.";
    }

    @Override
    public String safeRewrite() {
        return "`CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_c_key ON t (c);` in its own migration, then `ALTER TABLE t ADD "
                + "CONSTRAINT t_c_key UNIQUE USING INDEX t_c_key;` (instant). For a primary key the columns must be NOT NULL "
                + "first (see ZDM114), then `ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_pkey_idx`.";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_t (id int)", "ALTER TABLE lint_t ADD CONSTRAINT lint_t_id_key UNIQUE (id)",
                "lint_t", LockLevel.ACCESS_EXCLUSIVE);
    }

    @Override
    public void check(StatementContext ctx) {
        RelationName table = ctx.model().table();
        for (AlterAction a : Sql.actionsOnExistingTable(ctx)) {
            if (a instanceof AlterAction.AddConstraint add) {
                ConstraintDefinition k = add.constraint();
                if (k.type() == ConstraintDefinition.Type.EXCLUDE) {
                    exclude(ctx, table, k);
                    continue;
                }
                boolean pk = k.type() == ConstraintDefinition.Type.PRIMARY_KEY;
                if (!(pk || k.type() == ConstraintDefinition.Type.UNIQUE) || k.usingIndex() != null) {
                    continue;
                }
                report(ctx, table, pk, k.name(), k.columns());
            } else if (a instanceof AlterAction.AddColumn add && (add.column().unique() || add.column().primaryKey())) {
                report(ctx, table, add.column().primaryKey(), null, List.of(add.column().name()));
            }
        }
    }

    /** EXCLUDE has no USING INDEX form: its index is always built under the ALTER's ACCESS EXCLUSIVE lock. */
    private void exclude(StatementContext ctx, RelationName table, ConstraintDefinition k) {
        String t = Sql.name(table);
        ctx.report(table, "ADD CONSTRAINT " + (k.name() == null ? "" : Sql.id(k.name()) + " ") + "EXCLUDE builds its index on "
                        + t + " under ACCESS EXCLUSIVE: reads and writes wait for the whole build, and PostgreSQL has no "
                        + "CONCURRENTLY or USING INDEX form for exclusion constraints.",
                "-- No lock-free form exists. Run it while " + t + " is small or in a maintenance window, with a short "
                        + "lock_timeout so it never queues traffic:\nSET lock_timeout = '2s';\n"
                        + Sql.asWritten(ctx.statement().sql()) + ";\n"
                        + "-- or enforce the rule in a BEFORE INSERT OR UPDATE trigger backed by a concurrently built index.");
    }

    /** The steps of flyway-zdm's add-UNIQUE / PRIMARY KEY operation: the concurrent unique index, then USING INDEX. */
    private void report(StatementContext ctx, RelationName table, boolean pk, String constraintName, List<String> columns) {
        String t = Sql.name(table);
        List<String> keyColumns = columns.isEmpty() ? List.of("col") : columns;
        String name = constraintName != null ? constraintName : DerivedNames.uniqueKey(Sql.qualified(table).name(), keyColumns, pk);
        String kind = pk ? "PRIMARY KEY" : "UNIQUE";
        List<StepDescription> plan = OperationPlans.addUnique(ctx.pgVersion(), Sql.qualified(table), name, keyColumns, pk);
        String index = plan.stream().map(StepDescription::sql).filter(sql -> sql.startsWith("CREATE UNIQUE INDEX")).findFirst().orElseThrow();
        String constraint = plan.get(plan.size() - 1).sql();
        // without the runner, IF NOT EXISTS would accept an INVALID leftover of a failed build (ZDM106): drop any first
        String leftover = ctx.config().assumeRunner() ? "" : "DROP INDEX CONCURRENTLY IF EXISTS " + Sql.id(name) + ";\n";
        ctx.report(table, "ADD " + kind + " builds its index on " + t + " under ACCESS EXCLUSIVE: reads and writes wait for "
                        + "the whole build.",
                leftover + index + ";  -- own migration\n"
                        + (pk ? "-- columns must be NOT NULL first (ZDM114), then:\n" : "-- next migration:\n")
                        + constraint + ";");
    }
}
