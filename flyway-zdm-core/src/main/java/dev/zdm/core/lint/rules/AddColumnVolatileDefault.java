package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.AlterAction;
import dev.zdm.core.sql.ColumnDefinition;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.Volatility;

/** ZDM110: ADD COLUMN with a default that forces a table rewrite (volatile; any default before PG 11). */
final class AddColumnVolatileDefault extends Rule {
    AddColumnVolatileDefault() {
        super("ZDM110", "add-column-volatile-default", Severity.ERROR, Impact.LOCKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "ADD COLUMN with a volatile DEFAULT (any DEFAULT before PostgreSQL 11)";
    }

    @Override
    public String why() {
        return "Since PostgreSQL 11 a constant or STABLE default (`0`, `'x'`, `now()`) is stored in the catalog and ADD "
                + "COLUMN is instant. A volatile default (`random()`, `gen_random_uuid()`, `clock_timestamp()`, `nextval()`, "
                + "and any user function not declared STABLE or IMMUTABLE) must be computed per row: PostgreSQL rewrites "
                + "the whole table under ACCESS EXCLUSIVE, blocking reads and writes for the duration. Before 11 every "
                + "non-NULL default rewrites.";
    }

    @Override
    public String safeRewrite() {
        return "Add the column without the default, set the default for new rows, then fill existing rows in batches: "
                + "`ALTER TABLE t ADD COLUMN c uuid; ALTER TABLE t ALTER COLUMN c SET DEFAULT gen_random_uuid();` then a "
                + "batched backfill (`-- zdm:batched key=id size=5000` above the UPDATE, or a BatchedBackfillMigration).";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_t (id int)", "ALTER TABLE lint_t ADD COLUMN r float8 DEFAULT random()",
                "lint_t", LockLevel.ACCESS_EXCLUSIVE);
    }

    @Override
    public void check(StatementContext ctx) {
        RelationName table = ctx.model().table();
        for (AlterAction.AddColumn add : Sql.actionsOnExistingTable(ctx, AlterAction.AddColumn.class)) {
            ColumnDefinition c = add.column();
            if (c.defaultSql() == null || c.defaultSql().equalsIgnoreCase("null") || c.identity() || c.generatedStored()) {
                continue;
            }
            String call = Volatility.volatileCall(c.defaultSql());
            String reason;
            if (ctx.pgVersion() < 11) {
                reason = "before PostgreSQL 11 every non-NULL default";
            } else if (call != null) {
                reason = "the default calls " + call + "(), which is volatile"
                        + (Volatility.knownVolatile(c.defaultSql()) ? "" : " (PostgreSQL treats functions as VOLATILE unless declared STABLE or IMMUTABLE)") + ", so it";
            } else {
                continue;
            }
            String col = Sql.id(c.name());
            String type = c.type() == null ? "<type>" : c.type().sql();
            ctx.report(table, "ADD COLUMN " + col + " rewrites " + Sql.name(table) + " under ACCESS EXCLUSIVE: " + reason
                            + " must be computed for every existing row; reads and writes wait for the whole rewrite.",
                    "ALTER TABLE " + Sql.name(table) + " ADD COLUMN " + col + " " + type + ";\n"
                            + "ALTER TABLE " + Sql.name(table) + " ALTER COLUMN " + col + " SET DEFAULT " + c.defaultSql() + ";\n"
                            + "-- then fill existing rows in batches:\n-- zdm:batched key=id size=5000\nUPDATE " + Sql.name(table)
                            + " SET " + col + " = " + c.defaultSql() + " WHERE " + col + " IS NULL;");
        }
    }
}
