package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.lint.StatementContext;
import dev.zdm.core.sql.StatementKind;

/** ZDM100: a statement the analyzer does not understand (reported so nobody takes silence for approval). */
final class NotAnalyzed extends Rule {
    NotAnalyzed() {
        super("ZDM100", "not-analyzed", Severity.INFO, Impact.ALWAYS, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "Statement not analyzed";
    }

    @Override
    public String why() {
        return "flyway-zdm does not know what this statement locks or rewrites: a DO block or CALL runs procedural code, "
                + "and some statements are outside what the analyzer reads. It is not an error; review it by hand.";
    }

    @Override
    public String safeRewrite() {
        return "Where possible write the DDL as plain statements rather than inside DO blocks, so it can be checked. "
                + "Silence a reviewed statement with `-- zdm:ignore ZDM100 <reason>`.";
    }

    @Override
    public void check(StatementContext ctx) {
        if (ctx.model().analyzed()) {
            return;
        }
        StatementKind kind = ctx.model().kind();
        String what = kind == StatementKind.DO ? "DO block: its procedural code"
                : kind == StatementKind.CALL ? "CALL: the procedure's statements" : "this statement";
        ctx.report(null, what + " is not analyzed by flyway-zdm; check its locks by hand.",
                "Write the DDL as plain statements where possible, or mark the reviewed statement -- zdm:ignore ZDM100 <reason>");
    }
}
