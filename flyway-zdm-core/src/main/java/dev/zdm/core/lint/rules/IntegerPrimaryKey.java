package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.AlterAction;
import dev.zdm.core.sql.ColumnDefinition;
import dev.zdm.core.sql.ConstraintDefinition;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.StatementDetail;
import java.util.List;

/** ZDM142: a new primary key of type integer / serial (runs out at 2^31). */
final class IntegerPrimaryKey extends Rule {
    IntegerPrimaryKey() {
        super("ZDM142", "integer-primary-key", Severity.WARNING, Impact.ALWAYS, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "New primary key of type int / serial";
    }

    @Override
    public String why() {
        return "A 4-byte key runs out at 2,147,483,647. Changing it to bigint later rewrites the table and every "
                + "referencing table under ACCESS EXCLUSIVE: the cheapest moment to choose bigint is at CREATE TABLE.";
    }

    @Override
    public String safeRewrite() {
        return "`id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY` (or `bigserial`).";
    }

    @Override
    public void check(StatementContext ctx) {
        StatementDetail d = ctx.model().detail();
        if (d instanceof StatementDetail.CreateTable t) {
            if (t.partitionOf() != null) {
                return;
            }
            for (ColumnDefinition c : t.columns()) {
                if (c.primaryKey()) {
                    check(ctx, t.table(), c);
                }
            }
            for (ConstraintDefinition k : t.constraints()) {
                if (k.type() == ConstraintDefinition.Type.PRIMARY_KEY && k.columns().size() == 1) {
                    t.columns().stream().filter(c -> k.columns().get(0).equals(c.name())).findFirst()
                            .ifPresent(c -> check(ctx, t.table(), c));
                }
            }
        } else {
            for (AlterAction a : Sql.actions(ctx.model())) {
                if (a instanceof AlterAction.AddColumn add && add.column().primaryKey()) {
                    check(ctx, ctx.model().table(), add.column());
                }
            }
        }
    }

    private void check(StatementContext ctx, RelationName table, ColumnDefinition c) {
        if (c.type() == null || !c.type().isSmallInteger()) {
            return;
        }
        ctx.report(table, "primary key " + Sql.name(table) + "." + Sql.id(c.name()) + " is " + c.type().name()
                        + ": it runs out at 2,147,483,647, and widening it later rewrites the table under ACCESS EXCLUSIVE.",
                Sql.id(c.name()) + " bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
    }

}
