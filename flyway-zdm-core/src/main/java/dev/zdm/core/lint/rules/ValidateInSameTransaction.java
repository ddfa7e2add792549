package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.SchemaState;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.AlterAction;
import dev.zdm.core.sql.ConstraintDefinition;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationName;
import java.util.Optional;

/** ZDM117: VALIDATE CONSTRAINT in the same migration (transaction) that added the constraint NOT VALID. */
final class ValidateInSameTransaction extends Rule {
    ValidateInSameTransaction() {
        super("ZDM117", "validate-in-same-transaction", Severity.ERROR, Impact.LOCKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "VALIDATE CONSTRAINT in the same transaction as the NOT VALID add";
    }

    @Override
    public String why() {
        return "NOT VALID exists so that validation can run under the weak SHARE UPDATE EXCLUSIVE lock. In the same "
                + "transaction as the ADD, the ADD's lock (ACCESS EXCLUSIVE for CHECK, SHARE ROW EXCLUSIVE on both tables for "
                + "a foreign key) is still held while VALIDATE scans the table: nothing is gained.";
    }

    @Override
    public String safeRewrite() {
        return "Move `ALTER TABLE t VALIDATE CONSTRAINT c;` to the next migration.";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_t (id int); ALTER TABLE lint_t ADD CONSTRAINT lint_t_pos CHECK (id > 0) NOT VALID",
                "ALTER TABLE lint_t VALIDATE CONSTRAINT lint_t_pos", "lint_t", LockLevel.SHARE_UPDATE_EXCLUSIVE);
    }

    @Override
    public void check(StatementContext ctx) {
        RelationName table = ctx.model().table();
        for (AlterAction.ValidateConstraint v : Sql.actionsOnExistingTable(ctx, AlterAction.ValidateConstraint.class)) {
            if (v.name() == null) {
                continue;
            }
            Optional<SchemaState.AddedConstraint> added = ctx.schema().constraint(v.name());
            if (added.isEmpty() || !added.get().file().equals(ctx.script().file()) || added.get().validated()) {
                continue;
            }
            boolean fk = added.get().definition().type() == ConstraintDefinition.Type.FOREIGN_KEY;
            ctx.report(table, "VALIDATE CONSTRAINT " + Sql.id(v.name()) + " runs in the transaction that added it: the ADD's "
                            + (fk ? "SHARE ROW EXCLUSIVE lock on both tables" : "ACCESS EXCLUSIVE lock on " + Sql.name(table))
                            + " is held during the whole validation scan.",
                    "Move this statement to the next migration:\nALTER TABLE " + Sql.name(table) + " VALIDATE CONSTRAINT "
                            + Sql.id(v.name()) + ";");
        }
    }
}
