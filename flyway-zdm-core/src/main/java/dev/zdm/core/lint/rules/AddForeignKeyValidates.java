package dev.zdm.core.lint.rules;

import dev.zdm.core.ddl.DerivedNames;
import dev.zdm.core.ddl.OperationPlans;
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

/** ZDM115: ADD FOREIGN KEY without NOT VALID on an existing table. */
final class AddForeignKeyValidates extends Rule {
    AddForeignKeyValidates() {
        super("ZDM115", "add-foreign-key-validates", Severity.ERROR, Impact.LOCKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "ADD FOREIGN KEY without NOT VALID";
    }

    @Override
    public String why() {
        return "Adding a foreign key checks every existing row while holding SHARE ROW EXCLUSIVE on both the table and the "
                + "referenced table: INSERT, UPDATE and DELETE on both wait for the whole scan.";
    }

    @Override
    public String safeRewrite() {
        return "`ALTER TABLE t ADD CONSTRAINT t_fk FOREIGN KEY (c) REFERENCES r (id) NOT VALID;` (instant: new rows are "
                + "checked from now on), then in the next migration `ALTER TABLE t VALIDATE CONSTRAINT t_fk;`, which takes "
                + "SHARE UPDATE EXCLUSIVE on t and ROW SHARE on r: reads and writes go on.";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_p (id int PRIMARY KEY); CREATE TABLE lint_t (id int, p int)",
                "ALTER TABLE lint_t ADD CONSTRAINT lint_t_p_fk FOREIGN KEY (p) REFERENCES lint_p (id)", "lint_t",
                LockLevel.SHARE_ROW_EXCLUSIVE);
    }

    @Override
    public void check(StatementContext ctx) {
        RelationName table = ctx.model().table();
        if (table == null || ctx.isNew(table)) {
            return;
        }
        for (AlterAction a : Sql.actions(ctx.model())) {
            if (a instanceof AlterAction.AddConstraint add && add.constraint().type() == ConstraintDefinition.Type.FOREIGN_KEY
                    && !add.constraint().notValid()) {
                ConstraintDefinition k = add.constraint();
                String rawName = k.name() != null ? k.name()
                        : DerivedNames.foreignKey(table.name(), k.columns().isEmpty() ? List.of("col") : k.columns());
                String name = Sql.id(rawName);
                String sql = ctx.statement().sql();
                String add1 = k.name() != null ? Sql.asWritten(sql) : "ALTER TABLE " + Sql.name(table) + " ADD CONSTRAINT " + name + " "
                        + Sql.asWritten(sql).replaceFirst("(?is)^.*?\\bADD\\s+", "");
                boolean self = k.references() != null && k.references().sameAs(table);
                ctx.report(table, "ADD FOREIGN KEY checks every row of " + Sql.name(table) + " holding SHARE ROW EXCLUSIVE on "
                                + (self ? Sql.name(table) + " (it references itself): writes to it wait"
                                : Sql.name(table) + " and " + Sql.name(k.references()) + ": writes to both wait")
                                + " for the whole scan.",
                        add1 + " NOT VALID;\n-- next migration (SHARE UPDATE EXCLUSIVE: reads and writes go on):\n"
                                + OperationPlans.validateConstraint(Sql.qualified(table), rawName).sql() + ";");
            }
        }
    }
}
