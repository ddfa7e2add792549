package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.StatementDetail;
import dev.zdm.core.sql.StatementKind;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** ZDM131: UPDATE or DELETE of an existing table in one statement, not batched. */
final class UnbatchedDataChange extends Rule {
    /** {@code id = 5}, {@code t.user_id IN (1, 2)}, joined by AND: a handful of rows by key. */
    private static final Pattern BY_KEY = Pattern.compile("(?i)^\\s*(?:[a-z_][a-z0-9_]*\\.)?\"?(?:id|[a-z0-9_]*_id|uuid|key)\"?\\s*"
            + "(?:=\\s*(?:'[^']*'|-?[0-9.]+|\\$[0-9]+|\\$\\{[^}]+}|:[a-z_]+)|in\\s*\\((?:\\s*(?:'[^']*'|-?[0-9.]+)\\s*,?)+\\))"
            + "(?:\\s+and\\s+.+)?\\s*$", Pattern.DOTALL);

    UnbatchedDataChange() {
        super("ZDM131", "unbatched-data-change", Severity.ERROR, Impact.LOCKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "UPDATE or DELETE of an existing table in one statement";
    }

    @Override
    public String why() {
        return "One statement touching many rows holds a row lock on each of them until the migration commits: "
                + "application writes to those rows wait for the whole statement. It also writes every change to the WAL "
                + "at once (replica lag), leaves dead tuples for VACUUM, and a failure rolls all of it back. Without WHERE it "
                + "touches every row (error); with a WHERE that is not a lookup by key it may (warning).";
    }

    @Override
    public String safeRewrite() {
        return "Batch by key range with a commit per batch: mark the statement `-- zdm:batched key=id size=5000` for the "
                + "flyway-zdm runner (the table's own key; without key= the runner takes the primary key or a unique NOT "
                + "NULL index) in a migration of its own, or use a BatchedBackfillMigration. A batched statement cannot "
                + "start with WITH: read the CTE as a subquery in FROM/USING. `UPDATE ... LIMIT` does not exist in PostgreSQL; "
                + "batch with `WHERE id > $last AND id <= $next`.";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_t (id int, v int)", "UPDATE lint_t SET v = 0", "lint_t", LockLevel.ROW_EXCLUSIVE);
    }

    @Override
    public void check(StatementContext ctx) {
        if (ctx.model().kind() != StatementKind.UPDATE && ctx.model().kind() != StatementKind.DELETE) {
            return;
        }
        ctx.model().detail(StatementDetail.DataChange.class).ifPresent(dc -> {
            if (dc.table() == null || ctx.isNew(dc.table()) || ctx.statement().directive("batched").isPresent()) {
                return;
            }
            String verb = ctx.model().kind() == StatementKind.UPDATE ? "UPDATE" : "DELETE";
            String fix = fix(ctx, dc.table());
            if (dc.where() == null) {
                ctx.report(dc.table(), verb + " without WHERE touches every row of " + Sql.name(dc.table()) + " in one "
                        + "transaction: writes to those rows wait until the migration commits.", fix);
            } else if (!dc.where().equals("CURRENT OF") && !BY_KEY.matcher(dc.where()).matches()) {
                ctx.report(Severity.WARNING, dc.table(), verb + " of " + Sql.name(dc.table()) + " WHERE " + Sql.oneLine(dc.where())
                        + " may touch many rows in one transaction: writes to them wait until the migration commits.", fix);
            }
        });
    }

    /**
     * The statement marked for the batched engine, with the table's real key when the migrations read (or the live
     * database) show one, in a migration of its own; a leading WITH is moved into the statement, as the engine refuses it.
     */
    static String fix(StatementContext ctx, RelationName table) {
        String statement = Sql.asWritten(ctx.statement().sql());
        String cteNote = "";
        if (CteRewrite.startsWithCte(statement)) {
            CteRewrite.Result rewritten = CteRewrite.rewrite(statement);
            if (rewritten.sql() == null) {
                return "-- A batched statement cannot start with WITH (the engine adds its key range to the UPDATE/DELETE "
                        + "itself), and this one cannot be rewritten without it: " + rewritten.whyNot() + ".\n"
                        + "-- Write it as a BatchedBackfillMigration (Java), or as an UPDATE/DELETE that reads the CTE's "
                        + "query as a subquery in FROM/USING, in a migration of its own marked:\n-- zdm:batched size=5000";
            }
            statement = rewritten.sql();
            cteNote = "-- the WITH is moved into FROM/USING: batched statements cannot start with WITH\n";
        }
        String guarded = BatchGuard.guarded(statement);
        String guardNote = guarded.equals(statement) ? ""
                : "-- the IS DISTINCT FROM guard makes the WHERE false for rows already done, so the final check and a re-run see "
                + "only rows still to change\n";
        statement = guarded;
        Optional<List<String>> key = ctx.schema().rowKey(table);
        String directive = key.map(k -> "-- zdm:batched key=" + String.join(",", k.stream().map(Sql::id).toList()) + " size=5000")
                .orElse("-- zdm:batched size=5000");
        String keyNote = key.isPresent() ? ""
                : "-- key: the runner walks the primary key (or a unique NOT NULL index) of " + Sql.name(table)
                + "; the migrations read do not show one: add key=<column> if it has neither\n";
        return "-- in a migration of its own: the batched statement commits batch by batch, so Flyway runs that migration "
                + "outside a transaction and refuses other statements beside it\n"
                + cteNote + guardNote + keyNote + directive + "\n" + statement + ";";
    }
}
