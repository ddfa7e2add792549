package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.AlterAction;
import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.TypeName;
import java.util.Optional;
import java.util.Set;

/** ZDM113: ALTER COLUMN ... TYPE that rewrites the table (all but the binary-compatible changes). */
final class AlterColumnTypeRewrites extends Rule {
    /** Targets that are binary-compatible widenings from a narrower type of the same family. */
    private static final Set<String> WIDENING_TARGETS = Set.of("text", "varchar", "numeric", "varbit", "inet", "citext");

    AlterColumnTypeRewrites() {
        super("ZDM113", "alter-column-type-rewrites", Severity.ERROR, Impact.LOCKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "ALTER COLUMN ... TYPE that rewrites the table";
    }

    @Override
    public String why() {
        return "Changing a column's type rewrites the table and rebuilds its indexes under ACCESS EXCLUSIVE: reads and "
                + "writes wait for the whole rewrite. The exceptions are binary-compatible changes, which only touch the "
                + "catalog: `varchar(n)` to a larger `varchar(m)`, to `varchar` or to `text`; `text` to `varchar`; "
                + "`numeric(p,s)` to `numeric(q,s)` with q >= p or to `numeric`; `varbit(n)` to a larger one; `cidr` to "
                + "`inet`. `timestamp` to `timestamptz` skips the rewrite on 12+ only when the session TimeZone is UTC. "
                + "Old code may also break on the new type.";
    }

    @Override
    public String safeRewrite() {
        return "Expand and contract: add a column of the new type, keep it in sync with a trigger, backfill it in batches, "
                + "switch the application to it, and drop the old column in a later contract step. For a string length, "
                + "prefer `text` with a `CHECK (length(c) <= n) NOT VALID` constraint.";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_t (id int)", "ALTER TABLE lint_t ALTER COLUMN id TYPE bigint", "lint_t",
                LockLevel.ACCESS_EXCLUSIVE);
    }

    @Override
    public void check(StatementContext ctx) {
        RelationName table = ctx.model().table();
        for (AlterAction.AlterColumnType change : Sql.actionsOnExistingTable(ctx, AlterAction.AlterColumnType.class)) {
            if (change.type() == null) {
                continue;
            }
            Optional<TypeName> old = ctx.schema().columnType(table, change.column());
            String col = Sql.id(change.column());
            String t = Sql.name(table);
            String fix = "-- expand: ALTER TABLE " + t + " ADD COLUMN " + Identifiers.display(change.column() + "_new") + " "
                    + change.type().sql() + ";\n-- sync it with a trigger, backfill in batches, switch the code, then in a "
                    + "contract step drop " + col + " and rename the new column.";
            if (old.isPresent()) {
                String verdict = compatibility(old.get(), change.type(), change.using());
                if (verdict == null) {
                    continue;
                }
                ctx.report(verdict.startsWith("?") ? Severity.WARNING : defaultSeverity(), table,
                        "ALTER COLUMN " + col + " TYPE " + change.type().sql() + " (from " + old.get().sql() + ") "
                                + verdict.replaceFirst("^\\?", "") + "; reads and writes on " + t + " wait meanwhile.", fix);
            } else if (change.using() == null && WIDENING_TARGETS.contains(change.type().name())) {
                ctx.report(Severity.WARNING, table, "ALTER COLUMN " + col + " TYPE " + change.type().sql()
                        + " rewrites " + t + " under ACCESS EXCLUSIVE unless the current type is a binary-compatible narrower one "
                        + "(the migrations read do not say what it is).", fix + "\n-- or, if it is a widening, mark it: -- zdm:ignore ZDM113 widening from <old type>");
            } else {
                ctx.report(table, "ALTER COLUMN " + col + " TYPE " + change.type().sql() + " rewrites " + t
                        + " and rebuilds its indexes under ACCESS EXCLUSIVE; reads and writes wait for the whole rewrite.", fix);
            }
        }
    }

    /** Null when the change needs no rewrite; else why it does ("?" first for an uncertain case). */
    static String compatibility(TypeName from, TypeName to, String using) {
        if (using != null) {
            return "rewrites the table (USING computes every row)";
        }
        if (from.array() != to.array()) {
            return "rewrites the table";
        }
        if (from.name().equals(to.name()) && from.modifiers().equals(to.modifiers())) {
            return null;
        }
        String f = from.name();
        String t = to.name();
        if ((f.equals("varchar") || f.equals("text")) && t.equals("text")) {
            return null;
        }
        if (f.equals("text") && t.equals("varchar") && to.modifiers().isEmpty()) {
            return null;
        }
        if (f.equals("varchar") && t.equals("varchar") || f.equals("varbit") && t.equals("varbit")) {
            if (to.modifiers().isEmpty()) {
                return null;
            }
            if (!from.modifiers().isEmpty() && number(to, 0) >= number(from, 0)) {
                return null;
            }
            return "shortens the column: PostgreSQL rewrites the table to check every value under ACCESS EXCLUSIVE";
        }
        if (f.equals("numeric") && t.equals("numeric")) {
            if (to.modifiers().isEmpty()) {
                return null;
            }
            if (!from.modifiers().isEmpty() && number(to, 0) >= number(from, 0) && number(to, 1) == number(from, 1)) {
                return null;
            }
            return "rewrites the table under ACCESS EXCLUSIVE (precision shrinks or scale changes)";
        }
        if (f.equals("cidr") && t.equals("inet")) {
            return null;
        }
        if (f.equals("timestamp") && t.equals("timestamptz")) {
            return "?rewrites the table under ACCESS EXCLUSIVE unless the session TimeZone is UTC (PostgreSQL 12+)";
        }
        return "rewrites the table and rebuilds its indexes under ACCESS EXCLUSIVE";
    }

    private static long number(TypeName type, int index) {
        if (index >= type.modifiers().size()) {
            return 0;
        }
        try {
            return Long.parseLong(type.modifiers().get(index));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
