package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.DirectiveProblems;
import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.ScriptContext;
import dev.zdm.core.lint.Severity;

/** ZDM144: a {@code -- zdm:} directive that is unknown, attached to nothing, misplaced, or whose options are wrong. */
final class InvalidDirective extends Rule {
    InvalidDirective() {
        super("ZDM144", "invalid-directive", Severity.ERROR, Impact.ALWAYS, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "A -- zdm: directive that would not do what it says";
    }

    @Override
    public String why() {
        return "A directive changes how a statement runs, so a mistake in one is a configuration error, like a misspelt setting: "
                + "a misspelt `-- zdm:bached key=id`, or a blank line between `-- zdm:batched` and its UPDATE, runs a 2-million-row "
                + "UPDATE as one statement holding its row locks to the end; `size=0` or a directive on an INSERT fails half-way "
                + "through the run. flyway-zdm knows `zdm:ignore`, `zdm:ignore-file`, `zdm:batched` (above an UPDATE or DELETE, "
                + "options key, size, targetBatch, pause, maxRowsPerSecond, maxReplicationLag, lockTimeout, statementTimeout, "
                + "maxRetries, verify, background, ranges), `zdm:require-backfill <id>`, `zdm:verify <query>`, `zdm:rename-column` and "
                + "`zdm:change-type` (each alone in a migration of its own), `zdm:plain <reason>` and `zdm:phase=expand|migrate|contract` (before the first statement; an "
                + "unknown or missing phase, such as `zdm:phase=contrct`, is an error with the closest phase, and so is a second, "
                + "different phase), and `zdm:rollback` (after the last statement; every line below it a `--` comment holding the "
                + "rollback SQL: a line of SQL there would run at migrate). The same check refuses migrate "
                + "before anything is applied, whatever `flyway.zdm.lint.failOn` says. A warning: a batched UPDATE whose SET changes no "
                + "column its WHERE reads (typically `UPDATE ... FROM`): unless a trigger changes them, the rows still match after "
                + "their batch and the final count fails (the engine refuses it before the first batch when the table has no trigger).";
    }

    @Override
    public String safeRewrite() {
        return "Spell the directive as listed and put a statement directive directly above its statement: "
                + "`-- zdm:batched key=id size=5000` on the line before `UPDATE users SET verified = false WHERE verified IS NULL;`.";
    }

    @Override
    public void checkScript(ScriptContext ctx) {
        for (DirectiveProblems.Problem p : DirectiveProblems.of(ctx.script())) {
            ctx.reportAt(p.warning() ? Severity.WARNING : defaultSeverity(), p.line(), p.directive(), p.message(), p.fix());
        }
    }
}
