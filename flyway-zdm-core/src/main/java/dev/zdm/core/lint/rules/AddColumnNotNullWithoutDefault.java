package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.AlterAction;
import dev.zdm.core.sql.ColumnDefinition;
import dev.zdm.core.sql.RelationName;

/** ZDM111: ADD COLUMN ... NOT NULL without a DEFAULT, which fails on a table that has rows. */
final class AddColumnNotNullWithoutDefault extends Rule {
    AddColumnNotNullWithoutDefault() {
        super("ZDM111", "add-column-not-null-without-default", Severity.ERROR, Impact.NONEMPTY, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "ADD COLUMN ... NOT NULL without a DEFAULT";
    }

    @Override
    public String why() {
        return "Existing rows would get NULL in the new column, so PostgreSQL refuses the statement on any table that has "
                + "rows (SQLSTATE 23502, column contains null values). It passes on an empty development database and "
                + "fails in production. The application still running the old code would also fail to insert rows.";
    }

    @Override
    public String safeRewrite() {
        return "Give it a constant default (metadata-only since PostgreSQL 11): `ALTER TABLE t ADD COLUMN c int NOT NULL "
                + "DEFAULT 0;`. Or add it nullable, backfill in batches, and make it NOT NULL with the scan-free path of ZDM114.";
    }

    @Override
    public void check(StatementContext ctx) {
        RelationName table = ctx.model().table();
        for (AlterAction.AddColumn add : Sql.actionsOnExistingTable(ctx, AlterAction.AddColumn.class)) {
            ColumnDefinition c = add.column();
            boolean generatesValues = c.identity() || c.generatedStored() || c.type() != null && c.type().isSerial();
            if (!c.notNull() || c.defaultSql() != null && !c.defaultSql().equalsIgnoreCase("null") || generatesValues) {
                continue;
            }
            String col = Sql.id(c.name());
            String type = c.type() == null ? "<type>" : c.type().sql();
            ctx.report(table, "ADD COLUMN " + col + " NOT NULL has no DEFAULT: PostgreSQL refuses it when "
                            + Sql.name(table) + " has rows (column contains null values), and old code inserting rows fails.",
                    "ALTER TABLE " + Sql.name(table) + " ADD COLUMN " + col + " " + type + " NOT NULL DEFAULT <value>;\n"
                            + "-- or: add it nullable, backfill in batches, then make it NOT NULL as ZDM114 shows.");
        }
    }
}
