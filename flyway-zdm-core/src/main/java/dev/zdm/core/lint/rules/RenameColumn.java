package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.AlterAction;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.TypeName;

/** ZDM120: RENAME COLUMN breaks the running application. */
final class RenameColumn extends Rule {
    RenameColumn() {
        super("ZDM120", "rename-column", Severity.ERROR, Impact.BREAKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "RENAME COLUMN (breaks the running application)";
    }

    @Override
    public String why() {
        return "The rename is instant (ACCESS EXCLUSIVE, briefly), but the application instances still running the old "
                + "code keep using the old name and fail until they are replaced: every deploy becomes an outage window."
                + BreakingChange.PHASES;
    }

    @Override
    public String safeRewrite() {
        return "Expand: add the new column, keep both in sync with a trigger, backfill in batches; deploy code that reads "
                + "the new column; contract: drop the old column once no running code uses it.";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_t (id int)", "ALTER TABLE lint_t RENAME COLUMN id TO ident", "lint_t",
                LockLevel.ACCESS_EXCLUSIVE);
    }

    @Override
    public void check(StatementContext ctx) {
        RelationName table = ctx.model().table();
        for (AlterAction.RenameColumn r : Sql.actionsOnExistingTable(ctx, AlterAction.RenameColumn.class)) {
            String t = Sql.name(table);
            String type = ctx.schema().columnType(table, r.from()).map(RenameColumn::plainType)
                    .orElse("<type of " + Sql.id(r.from()) + ">");
            ctx.report(table, "RENAME COLUMN " + Sql.id(r.from()) + " TO " + Sql.id(r.to()) + " breaks the application "
                            + "instances still using " + t + "." + Sql.id(r.from()) + " until all of them are redeployed.",
                    "-- expand (this release):\nALTER TABLE " + t + " ADD COLUMN " + Sql.id(r.to()) + " " + type + ";\n-- keep " + Sql.id(r.from()) + " and " + Sql.id(r.to())
                            + " in sync with a trigger, backfill in batches, switch the code to " + Sql.id(r.to())
                            + ";\n-- contract (a later release):\nALTER TABLE " + t + " DROP COLUMN " + Sql.id(r.from()) + ";");
        }
    }

    /** The type a copy of the column gets: a serial's own sequence belongs to the old column. */
    private static String plainType(TypeName type) {
        return switch (type.name()) {
            case "serial" -> "integer";
            case "bigserial" -> "bigint";
            case "smallserial" -> "smallint";
            default -> type.sql();
        };
    }
}
