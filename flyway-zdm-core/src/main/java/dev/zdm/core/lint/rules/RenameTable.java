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

/** ZDM121: RENAME of a table breaks the running application. */
final class RenameTable extends Rule {
    RenameTable() {
        super("ZDM121", "rename-table", Severity.ERROR, Impact.BREAKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "RENAME TABLE (breaks the running application)";
    }

    @Override
    public String why() {
        return "The rename is instant (ACCESS EXCLUSIVE, briefly), but application instances still running the old code "
                + "query the old name and fail until they are replaced." + BreakingChange.PHASES;
    }

    @Override
    public String safeRewrite() {
        return "Rename and leave a view with the old name in the same migration, so both names work during the deploy "
                + "(a simple view is updatable): `ALTER TABLE old RENAME TO new; CREATE VIEW old AS SELECT * FROM new;`. "
                + "Drop the view in a later contract step.";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_t (id int)", "ALTER TABLE lint_t RENAME TO lint_t2", "lint_t",
                LockLevel.ACCESS_EXCLUSIVE);
    }

    @Override
    public void check(StatementContext ctx) {
        RelationName table = ctx.model().table();
        for (AlterAction.RenameTable r : Sql.actionsOnExistingTable(ctx, AlterAction.RenameTable.class)) {
            String old = Sql.name(table);
            String renamed = table.schema() == null ? Sql.id(r.to()) : Identifiers.display(table.schema()) + "." + Sql.id(r.to());
            ctx.report(table, "RENAME " + old + " TO " + Sql.id(r.to()) + " breaks the application instances still "
                            + "querying " + old + " until all of them are redeployed.",
                    "ALTER TABLE " + old + " RENAME TO " + Sql.id(r.to()) + ";\nCREATE VIEW " + old + " AS SELECT * FROM "
                            + renamed + ";  -- same migration: the old name keeps working\n-- contract (a later release): DROP VIEW "
                            + old + ";");
        }
    }
}
