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

/**
 * ZDM130: SET TABLESPACE, SET LOGGED/UNLOGGED, SET ACCESS METHOD, CLUSTER, VACUUM FULL, REPACK without CONCURRENTLY:
 * full rewrites under ACCESS EXCLUSIVE. From PostgreSQL 19 the fix for the last three is REPACK (CONCURRENTLY).
 */
final class TableRewrite extends Rule {
    /** The first major with REPACK (CONCURRENTLY). */
    static final int REPACK_CONCURRENTLY = 19;

    TableRewrite() {
        super("ZDM130", "table-rewrite", Severity.ERROR, Impact.LOCKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "Table rewrite: SET TABLESPACE, SET LOGGED/UNLOGGED, SET ACCESS METHOD, CLUSTER, VACUUM FULL, REPACK";
    }

    @Override
    public String why() {
        return "Each of these writes a new copy of the table (and its indexes) while holding ACCESS EXCLUSIVE: reads and "
                + "writes wait for the whole copy, minutes to hours on a large table. PostgreSQL 19's REPACK without "
                + "CONCURRENTLY is VACUUM FULL (or, with USING INDEX, CLUSTER) under a new name and locks the same way.";
    }

    @Override
    public String safeRewrite() {
        return "Rebuild online with pg_repack or pg_squeeze outside the migration, or copy into a new table in batches and "
                + "swap. Instead of VACUUM FULL, a plain VACUUM (no blocking) reclaims space for reuse. A table created in "
                + "the same migration can be changed freely. On PostgreSQL 19 and later, VACUUM FULL, CLUSTER and REPACK "
                + "become `REPACK (CONCURRENTLY) t` (`... USING INDEX i` to keep CLUSTER's order), alone in its migration: "
                + "reads and writes go on during the copy and ACCESS EXCLUSIVE is taken only for the final swap. "
                + "*From the PostgreSQL 19 release notes and documentation; not yet checked on a PostgreSQL 19 server by "
                + "this project's tests.*";
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
        if (ctx.model().detail() instanceof StatementDetail.Repack r && !r.concurrently()) {
            what = "REPACK";
        }
        if (what == null && ctx.model().rewrites() && (ctx.model().kind() == StatementKind.ALTER_INDEX
                || ctx.model().kind() == StatementKind.ALTER_OTHER)) {
            what = "SET TABLESPACE";
        }
        if (what == null) {
            return;
        }
        String fix = ctx.pgVersion() >= REPACK_CONCURRENTLY && isRepackable(what)
                ? repackConcurrently(ctx, table)
                : what.equals("VACUUM FULL")
                ? "VACUUM " + (table == null ? "" : Sql.name(table)) + ";  -- no blocking; or rebuild online with pg_repack"
                : "Rebuild " + (table == null ? "the tables" : Sql.name(table)) + " online with pg_repack (or pg_squeeze) outside "
                + "the migration, or copy it into a new table in batches and swap.";
        ctx.report(table, what + " rewrites " + (table == null ? "every table" : Sql.name(table)) + " under ACCESS EXCLUSIVE: "
                + "reads and writes wait for the whole copy.", fix);
    }

    private static boolean isRepackable(String what) {
        return what.equals("VACUUM FULL") || what.equals("CLUSTER") || what.equals("REPACK");
    }

    /** PostgreSQL 19: the same rewrite without blocking; CLUSTER and REPACK ... USING INDEX keep their index order. */
    private static String repackConcurrently(StatementContext ctx, RelationName table) {
        if (table == null) {
            return "REPACK (CONCURRENTLY) cannot run on every table at once: write one REPACK (CONCURRENTLY) <table>; per "
                    + "table that needs it, each alone in its migration (PostgreSQL 19).";
        }
        boolean ordered = ctx.model().kind() == StatementKind.CLUSTER
                || ctx.model().detail() instanceof StatementDetail.Repack r && r.usingIndex();
        RelationName index = ctx.model().index();
        String using = !ordered ? "" : index == null ? " USING INDEX" : " USING INDEX " + Sql.name(index);
        return "REPACK (CONCURRENTLY) " + Sql.name(table) + using + ";  -- PostgreSQL 19: reads and writes go on, ACCESS "
                + "EXCLUSIVE only for the final swap; alone in its migration (it cannot run in a transaction block)";
    }
}
