package dev.zdm.core.lint.rules;

import dev.zdm.core.ddl.DerivedNames;
import dev.zdm.core.ddl.OperationPlans;
import dev.zdm.core.ddl.StepDescription;
import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.AlterAction;
import dev.zdm.core.sql.ConstraintDefinition;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationName;
import java.util.List;

/** ZDM116: ADD CHECK without NOT VALID on an existing table. */
final class AddCheckValidates extends Rule {
    AddCheckValidates() {
        super("ZDM116", "add-check-validates", Severity.ERROR, Impact.LOCKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "ADD CHECK without NOT VALID";
    }

    @Override
    public String why() {
        return "Adding a CHECK constraint checks every existing row while holding ACCESS EXCLUSIVE: reads and writes wait "
                + "for the whole scan. An inline CHECK on ADD COLUMN is validated the same way.";
    }

    @Override
    public String safeRewrite() {
        return "`ALTER TABLE t ADD CONSTRAINT t_c_check CHECK (...) NOT VALID;` (instant; new rows are checked), then in "
                + "the next migration `ALTER TABLE t VALIDATE CONSTRAINT t_c_check;` (SHARE UPDATE EXCLUSIVE: reads and "
                + "writes go on).";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_t (id int)", "ALTER TABLE lint_t ADD CONSTRAINT lint_t_pos CHECK (id > 0)",
                "lint_t", LockLevel.ACCESS_EXCLUSIVE);
    }

    @Override
    public void check(StatementContext ctx) {
        RelationName table = ctx.model().table();
        if (table == null || ctx.isNew(table)) {
            return;
        }
        for (AlterAction a : Sql.actions(ctx.model())) {
            if (a instanceof AlterAction.AddColumn add && add.column().check()) {
                inlineCheck(ctx, table, add);
                continue;
            }
            if (a instanceof AlterAction.AddConstraint add && add.constraint().type() == ConstraintDefinition.Type.CHECK
                    && !add.constraint().notValid()) {
                ConstraintDefinition k = add.constraint();
                String name = k.name() != null ? k.name() : DerivedNames.derivedName(Sql.qualified(table).name(), "col", "check");
                ctx.report(table, "ADD CHECK checks every row of " + Sql.name(table) + " under ACCESS EXCLUSIVE: reads and "
                                + "writes wait for the whole scan.", fix(table, name, k.expression()));
            }
        }
    }

    /** {@code ADD COLUMN c int CHECK (...)}: the new constraint is checked against every row under ACCESS EXCLUSIVE. */
    private void inlineCheck(StatementContext ctx, RelationName table, AlterAction.AddColumn add) {
        String t = Sql.name(table);
        String col = Sql.id(add.column().name());
        String name = DerivedNames.derivedName(Sql.qualified(table).name(), add.column().name(), "check");
        String expression = add.column().checkExpression() == null ? "<the CHECK expression>" : add.column().checkExpression();
        String withoutCheck = Sql.oneLineFull(ctx.statement().sql())
                .replaceFirst("(?i)\\s*(CONSTRAINT\\s+\\S+\\s+)?CHECK\\s*\\(" + java.util.regex.Pattern.quote(expression)
                        + "\\)(\\s+NO\\s+INHERIT)?", "");
        ctx.report(table, "ADD COLUMN " + col + " with an inline CHECK checks every row of " + t + " under ACCESS EXCLUSIVE: "
                        + "reads and writes wait for the whole scan.",
                withoutCheck + ";\n" + fix(table, name, expression));
    }

    /** The steps of flyway-zdm's add-CHECK operation (ADD ... NOT VALID, then VALIDATE), as migrations. */
    private static String fix(RelationName table, String name, String expression) {
        List<StepDescription> plan = OperationPlans.addCheck(Sql.qualified(table), name, expression);
        return plan.get(0).sql() + ";\n-- next migration (SHARE UPDATE EXCLUSIVE: reads and writes go on):\n" + plan.get(1).sql() + ";";
    }
}
