package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.AlterAction;
import dev.zdm.core.sql.ConstraintDefinition;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationName;

/**
 * ZDM114: SET NOT NULL (or, on PostgreSQL 18, ADD CONSTRAINT ... NOT NULL without NOT VALID) that scans the
 * table under ACCESS EXCLUSIVE because no validated CHECK proves the column has no NULLs.
 */
public final class SetNotNullScans extends Rule {
    public SetNotNullScans() {
        super("ZDM114", "set-not-null-scans", Severity.ERROR, Impact.LOCKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "SET NOT NULL without a validated CHECK (col IS NOT NULL)";
    }

    @Override
    public String why() {
        return "SET NOT NULL reads every row to prove there is no NULL, holding ACCESS EXCLUSIVE: reads and writes wait for "
                + "the whole scan. Since PostgreSQL 12 the scan is skipped when a validated `CHECK (col IS NOT NULL)` "
                + "constraint already proves it, and that CHECK can be added NOT VALID and validated under SHARE UPDATE "
                + "EXCLUSIVE, which blocks neither reads nor writes. PostgreSQL 18 also accepts `ADD CONSTRAINT c NOT NULL col "
                + "NOT VALID` followed by `VALIDATE CONSTRAINT c`; without NOT VALID that form scans too.";
    }

    @Override
    public String safeRewrite() {
        return "PostgreSQL 12+: `ALTER TABLE t ADD CONSTRAINT t_c_not_null CHECK (c IS NOT NULL) NOT VALID;` then, in the "
                + "next migration, `ALTER TABLE t VALIDATE CONSTRAINT t_c_not_null;` then `ALTER TABLE t ALTER COLUMN c SET "
                + "NOT NULL; ALTER TABLE t DROP CONSTRAINT t_c_not_null;`. PostgreSQL 18: `ALTER TABLE t ADD CONSTRAINT "
                + "t_c_not_null NOT NULL c NOT VALID;` then, in the next migration, `ALTER TABLE t VALIDATE CONSTRAINT t_c_not_null;`.";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE TABLE lint_t (id int)", "ALTER TABLE lint_t ALTER COLUMN id SET NOT NULL", "lint_t",
                LockLevel.ACCESS_EXCLUSIVE);
    }

    @Override
    public void check(StatementContext ctx) {
        RelationName table = ctx.model().table();
        for (AlterAction a : Sql.actionsOnExistingTable(ctx)) {
            String column = null;
            if (a instanceof AlterAction.SetNotNull set) {
                column = set.column();
            } else if (a instanceof AlterAction.AddConstraint add && add.constraint().type() == ConstraintDefinition.Type.NOT_NULL
                    && !add.constraint().notValid() && !add.constraint().columns().isEmpty()) {
                column = add.constraint().columns().get(0);
            }
            if (column == null || ctx.schema().provenNotNull(table, column)) {
                continue;
            }
            ctx.report(table, "SET NOT NULL on " + Sql.name(table) + "." + Sql.id(column) + " scans the whole table under "
                    + "ACCESS EXCLUSIVE (no validated CHECK (" + Sql.id(column) + " IS NOT NULL) precedes it): reads and "
                    + "writes wait for the scan.", fix(ctx.pgVersion(), table, column));
        }
    }

    static String fix(int pgVersion, RelationName table, String column) {
        String t = Sql.name(table);
        String col = Sql.id(column);
        String c = Sql.derivedName(table, column, "not_null");
        if (pgVersion >= 18) {
            return "ALTER TABLE " + t + " ADD CONSTRAINT " + c + " NOT NULL " + col + " NOT VALID;\n"
                    + "-- next migration (SHARE UPDATE EXCLUSIVE: reads and writes go on):\n"
                    + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + c + ";";
        }
        return "ALTER TABLE " + t + " ADD CONSTRAINT " + c + " CHECK (" + col + " IS NOT NULL) NOT VALID;\n"
                + "-- next migration (SHARE UPDATE EXCLUSIVE: reads and writes go on):\n"
                + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + c + ";\n"
                + "ALTER TABLE " + t + " ALTER COLUMN " + col + " SET NOT NULL;  -- no scan: the CHECK proves it (PostgreSQL 12+)\n"
                + "ALTER TABLE " + t + " DROP CONSTRAINT " + c + ";";
    }
}
