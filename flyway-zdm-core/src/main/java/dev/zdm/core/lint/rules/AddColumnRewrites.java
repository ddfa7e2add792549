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

/** ZDM112: ADD COLUMN that is an identity, serial or GENERATED ... STORED column: a table rewrite. */
final class AddColumnRewrites extends Rule {
    AddColumnRewrites() {
        super("ZDM112", "add-column-rewrites", Severity.ERROR, Impact.LOCKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "ADD COLUMN with identity, serial or GENERATED ... STORED";
    }

    @Override
    public String why() {
        return "The new column needs a value computed for every existing row (the next sequence value, or the generation "
                + "expression), so PostgreSQL rewrites the table under ACCESS EXCLUSIVE: reads and writes wait for the whole "
                + "rewrite.";
    }

    @Override
    public String safeRewrite() {
        return "Serial/identity: add a plain nullable `bigint` column, create a sequence and `SET DEFAULT nextval('seq')` "
                + "(metadata only), backfill existing rows in batches, then make it NOT NULL (ZDM114). Stored generated: add "
                + "a plain column, keep it filled with a trigger, backfill in batches; on PostgreSQL 18 a VIRTUAL generated "
                + "column needs no rewrite.";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_t (id int)", "ALTER TABLE lint_t ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY",
                "lint_t", LockLevel.ACCESS_EXCLUSIVE);
    }

    @Override
    public void check(StatementContext ctx) {
        RelationName table = ctx.model().table();
        for (AlterAction.AddColumn add : Sql.actionsOnExistingTable(ctx, AlterAction.AddColumn.class)) {
            ColumnDefinition c = add.column();
            String t = Sql.name(table);
            String col = Sql.id(c.name());
            String seq = Sql.derivedName(table, c.name(), "seq");
            if (c.identity() || c.type() != null && c.type().isSerial()) {
                String what = c.identity() ? "an identity column" : "a " + c.type().name() + " column";
                ctx.report(table, "ADD COLUMN " + col + " as " + what + " rewrites " + t + " under ACCESS EXCLUSIVE to number "
                                + "every existing row; reads and writes wait for the whole rewrite.",
                        "CREATE SEQUENCE " + seq + ";\nALTER TABLE " + t + " ADD COLUMN " + col + " bigint;\nALTER TABLE " + t
                                + " ALTER COLUMN " + col + " SET DEFAULT nextval('" + seq + "');\nALTER SEQUENCE " + seq
                                + " OWNED BY " + t + "." + col + ";\n-- then backfill existing rows in batches and make it NOT NULL (ZDM114).");
            } else if (c.generatedStored()) {
                String fix = ctx.pgVersion() >= 18
                        ? "ALTER TABLE " + t + " ADD COLUMN " + col + " " + (c.type() == null ? "<type>" : c.type().sql())
                        + " GENERATED ALWAYS AS (<expression>) VIRTUAL;  -- PostgreSQL 18: computed on read, no rewrite"
                        : "ALTER TABLE " + t + " ADD COLUMN " + col + " " + (c.type() == null ? "<type>" : c.type().sql())
                        + ";\n-- keep it filled with a BEFORE INSERT OR UPDATE trigger, then backfill existing rows in batches.";
                ctx.report(table, "ADD COLUMN " + col + " GENERATED ... STORED rewrites " + t + " under ACCESS EXCLUSIVE to "
                        + "compute the value for every existing row; reads and writes wait for the whole rewrite.", fix);
            }
        }
    }
}
