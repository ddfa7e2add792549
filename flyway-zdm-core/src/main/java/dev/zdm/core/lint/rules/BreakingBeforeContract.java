package dev.zdm.core.lint.rules;

import dev.zdm.core.lint.Finding;
import dev.zdm.core.lint.Impact;
import dev.zdm.core.lint.PgVersions;
import dev.zdm.core.lint.Rule;
import dev.zdm.core.lint.ScriptContext;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.phase.MigrationPhase;
import dev.zdm.core.phase.PhaseDeclaration;
import dev.zdm.core.sql.Directive;
import java.util.HashSet;
import java.util.Set;

/**
 * ZDM151: a breaking statement in a migration declared {@code expand} or {@code migrate}. What is breaking is decided by
 * the rules whose findings carry {@link Impact#BREAKING} (ZDM120 to ZDM123, ZDM150); this rule judges them by the phase.
 */
final class BreakingBeforeContract extends Rule {
    BreakingBeforeContract() {
        super("ZDM151", "breaking-before-contract", Severity.ERROR, Impact.BREAKING, PgVersions.ALL);
    }

    @Override
    public String summary() {
        return "A breaking statement in a migration declared expand or migrate";
    }

    @Override
    public String why() {
        return "A migration declared `-- zdm:phase=expand` or `-- zdm:phase=migrate` runs while the old application code is "
                + "still serving: that is what the declaration promises. A statement that breaks the old code (DROP COLUMN, "
                + "DROP TABLE, RENAME COLUMN or TABLE, DROP NOT NULL: what ZDM120 to ZDM123 and ZDM150 report) makes the "
                + "promise false, and the instances still running fail as soon as it commits. It is an error whatever those "
                + "rules are set to, and `-- zdm:ignore` of theirs does not silence it (only `-- zdm:ignore ZDM151`). A rule "
                + "switched off (`ZDM122:off`) no longer reports its statements here either. In a migration declared "
                + "`-- zdm:phase=contract` the same statements are expected and reported as info.";
    }

    @Override
    public String safeRewrite() {
        return "Move the statement to a migration of its own, declared `-- zdm:phase=contract`, applied once no instance of "
                + "the old code runs: `-- zdm:phase=contract` at the top of `V8__drop_legacy.sql`, then "
                + "`ALTER TABLE users DROP COLUMN legacy;`.";
    }

    @Override
    public void checkScript(ScriptContext ctx) {
        MigrationPhase phase = ctx.phase().orElse(null);
        if (phase == null || !phase.oldCodeRuns()) {
            return;
        }
        int declaredAt = PhaseDeclaration.directives(ctx.script()).stream().mapToInt(Directive::line).findFirst().orElse(1);
        Set<String> seen = new HashSet<>();
        for (Finding f : ctx.breakingFindings()) {
            if (!seen.add(f.line() + ":" + f.column())) {
                continue;
            }
            ctx.reportOn(f, "The statement at line " + f.line() + " (" + Sql.oneLine(f.statement()) + ") breaks the old "
                            + "application code, but " + ctx.script().file() + " is declared " + phase.directive() + " (line "
                            + declaredAt + "), a phase in which the old code still runs: " + f.message(),
                    "-- move it to a migration of its own, applied once no instance of the old code runs:\n"
                            + MigrationPhase.CONTRACT.directive() + "\n\n" + Sql.asWritten(f.statement()) + ";");
        }
    }
}
