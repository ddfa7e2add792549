package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.ScriptContext;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.sql.SqlStatement;
import dev.zdm.core.sql.StatementDetail;
import java.util.List;

/** ZDM139: a new enum value used in the transaction that added it (PostgreSQL 12+ refuses that). */
final class EnumValueUsedInSameTransaction extends Rule {
    EnumValueUsedInSameTransaction() {
        super("ZDM139", "enum-value-used-in-same-transaction", Severity.ERROR, Impact.ALWAYS, PgVersions.from(12));
    }

    @Override
    public String summary() {
        return "New enum value used in the migration that adds it";
    }

    @Override
    public String why() {
        return "Since PostgreSQL 12 ALTER TYPE ... ADD VALUE may run in a transaction, but the new value cannot be used "
                + "until that transaction commits: a later statement of the same migration that uses it fails with "
                + "'unsafe use of new value' (SQLSTATE 55P04).";
    }

    @Override
    public String safeRewrite() {
        return "Add the value in one migration and use it (defaults, updates, inserts) in the next one.";
    }

    @Override
    public void checkScript(ScriptContext ctx) {
        List<SqlStatement> statements = ctx.script().statements();
        if (Boolean.FALSE.equals(ctx.source().executeInTransaction()) || ctx.script().hasNonTransactionalStatement()) {
            return;
        }
        for (SqlStatement add : statements) {
            StatementDetail.AddEnumValue v = add.model().detail(StatementDetail.AddEnumValue.class).orElse(null);
            if (v == null || v.value() == null || ctx.isNewAt(v.type(), add)) {
                continue;
            }
            String literal = "'" + v.value().replace("'", "''") + "'";
            for (SqlStatement later : statements.subList(add.index() + 1, statements.size())) {
                if (later.sql().contains(literal)) {
                    ctx.report(later, v.type(), "uses the enum value " + literal + " that line " + add.line() + " adds to "
                                    + Sql.name(v.type()) + " in the same transaction: PostgreSQL refuses it (unsafe use of new value).",
                            "Move '" + Sql.oneLine(later.sql()) + "' to the next migration.");
                    break;
                }
            }
        }
    }
}
