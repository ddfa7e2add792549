package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.StatementDetail;

/** ZDM119: ALTER DOMAIN ... ADD CONSTRAINT without NOT VALID. */
final class AlterDomainAddConstraintValidates extends Rule {
    AlterDomainAddConstraintValidates() {
        super("ZDM119", "alter-domain-add-constraint-validates", Severity.ERROR, Impact.LOCKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "ALTER DOMAIN ... ADD CONSTRAINT without NOT VALID";
    }

    @Override
    public String why() {
        return "Adding a constraint to a domain checks every column of that domain in every table, holding a SHARE lock on "
                + "each of those tables: their writes wait for the whole scan.";
    }

    @Override
    public String safeRewrite() {
        return "`ALTER DOMAIN d ADD CONSTRAINT d_check CHECK (...) NOT VALID;` then, in the next migration, "
                + "`ALTER DOMAIN d VALIDATE CONSTRAINT d_check;`, which does not block writes.";
    }

    @Override
    public LockExample lockExample() {
        return new LockExample("CREATE DOMAIN lint_d AS int; CREATE TABLE lint_t (v lint_d)",
                "ALTER DOMAIN lint_d ADD CONSTRAINT lint_d_pos CHECK (VALUE > 0)", "lint_t", LockLevel.SHARE);
    }

    @Override
    public void check(StatementContext ctx) {
        ctx.model().detail(StatementDetail.AlterDomainAddConstraint.class).filter(d -> !d.notValid() && !ctx.isNew(d.domain())).ifPresent(d -> {
            String domain = Sql.name(d.domain());
            String name = d.constraint() == null ? "<constraint>" : Sql.id(d.constraint());
            ctx.report(d.domain(), "ALTER DOMAIN " + domain + " ADD CONSTRAINT checks every column of type " + domain
                            + " in every table, holding SHARE locks on them: their writes wait for the whole scan.",
                    Sql.asWritten(ctx.statement().sql()) + " NOT VALID;\n-- next migration:\nALTER DOMAIN " + domain
                            + " VALIDATE CONSTRAINT " + name + ";");
        });
    }
}
