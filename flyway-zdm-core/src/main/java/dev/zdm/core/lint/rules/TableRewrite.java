package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.AlterAction;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.StatementDetail;
import dev.zdm.core.sql.StatementKind;

/** ZDM130: SET TABLESPACE, SET LOGGED/UNLOGGED, SET ACCESS METHOD, CLUSTER, VACUUM FULL: full rewrites. */
public final class TableRewrite extends Rule {
    public TableRewrite() {
        super("ZDM130", "table-rewrite", Severity.ERROR, Impact.LOCKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "Table rewrite: SET TABLESPACE, SET LOGGED/UNLOGGED, SET ACCESS METHOD, CLUSTER, VACUUM FULL";
    }

    @Override
    public String why() {
        return "Each of these writes a new copy of the table (and its indexes) while holding ACCESS EXCLUSIVE: reads and "
                + "writes wait for the whole copy, minutes to hours on a large table.";
    }

    @Override
    public String safeRewrite() {
        return "Rebuild online with pg_repack or pg_squeeze outside the migration, or copy into a new table in batches and "
                + "swap. Instead of VACUUM FULL, a plain VACUUM (no blocking) reclaims space for reuse. A table created in "
                + "the same migration can be changed freely.";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_t (id int)", "ALTER TABLE lint_t SET UNLOGGED", "lint_t",
                LockLevel.ACCESS_EXCLUSIVE);
    }

    @Override
    public void check(StatementContext ctx) {
        RelationName table = ctx.model().table() != null ? ctx.model().table() : ctx.model().index();
        if (table != null && ctx.isNew(table)) {
            return;
        }
        String what = null;
        for (AlterAction a : Sql.actions(ctx.model())) {
            if (a instanceof AlterAction.SetTablespace) {
                what = "SET TABLESPACE";
            } else if (a instanceof AlterAction.SetLogged l) {
                what = l.logged() ? "SET LOGGED" : "SET UNLOGGED";
            } else if (a instanceof AlterAction.SetAccessMethod) {
                what = "SET ACCESS METHOD";
            }
        }
        if (ctx.model().detail() instanceof StatementDetail.Rewrite r) {
            what = r.command();
        }
        if (what == null && ctx.model().rewrites() && (ctx.model().kind() == StatementKind.ALTER_INDEX
                || ctx.model().kind() == StatementKind.ALTER_OTHER)) {
            what = "SET TABLESPACE";
        }
        if (what == null) {
            return;
        }
        String fix = what.equals("VACUUM FULL")
                ? "VACUUM " + (table == null ? "" : Sql.name(table)) + ";  -- no blocking; or rebuild online with pg_repack"
                : "Rebuild " + (table == null ? "the tables" : Sql.name(table)) + " online with pg_repack (or pg_squeeze) outside "
                + "the migration, or copy it into a new table in batches and swap.";
        ctx.report(table, what + " rewrites " + (table == null ? "every table" : Sql.name(table)) + " under ACCESS EXCLUSIVE: "
                + "reads and writes wait for the whole copy.", fix);
    }
}
