package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.StatementDetail;

/** ZDM138: ALTER TYPE ... ADD VALUE in a transaction block, refused before PostgreSQL 12. */
final class EnumAddValueInTransaction extends Rule {
    EnumAddValueInTransaction() {
        super("ZDM138", "enum-add-value-in-transaction", Severity.ERROR, Impact.ALWAYS, PgVersions.until(11));
    }

    @Override
    public String summary() {
        return "ALTER TYPE ... ADD VALUE inside a transaction (before PostgreSQL 12)";
    }

    @Override
    public String why() {
        return "Before PostgreSQL 12, ALTER TYPE ... ADD VALUE cannot run inside a transaction block (SQLSTATE 25001). "
                + "Flyway recognises it on those versions and then refuses a migration that mixes it with other statements.";
    }

    @Override
    public String safeRewrite() {
        return "Put `ALTER TYPE t ADD VALUE 'v';` alone in its migration, or upgrade to PostgreSQL 12+.";
    }

    @Override
    public void check(StatementContext ctx) {
        ctx.model().detail(StatementDetail.AddEnumValue.class).ifPresent(v -> {
            if (ctx.script().statements().size() > 1 && !ctx.isNew(v.type())) {
                ctx.report(v.type(), "ALTER TYPE " + Sql.name(v.type()) + " ADD VALUE cannot run in a transaction block on "
                                + "PostgreSQL " + ctx.pgVersion() + ", and this migration has other statements.",
                        "Move '" + Sql.oneLine(ctx.statement().sql()) + "' to a migration of its own.");
            }
        });
    }
}
