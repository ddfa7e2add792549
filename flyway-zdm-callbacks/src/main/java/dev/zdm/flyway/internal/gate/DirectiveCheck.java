package dev.zdm.flyway.internal.gate;

import dev.zdm.core.lint.DirectiveProblems;
import dev.zdm.core.lint.MigrationSource;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.flyway.api.ZdmLintGateException;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses migrate, before anything is applied, when a pending SQL migration has a {@code -- zdm:} directive that
 * would not do what it says (an unknown name such as {@code zdm:bached}, a directive attached to no statement, a
 * {@code zdm:batched} option or statement the batch engine refuses). Like a misspelt setting key it is a
 * configuration error: it is not a lint finding that {@code flyway.zdm.lint.failOn} or {@code zdm:ignore} can
 * relax, and a fresh database is refused too. The same problems are lint rule ZDM144.
 */
final class DirectiveCheck {
    private DirectiveCheck() {
    }

    static void refuseInvalid(List<MigrationSource> pending) {
        List<String> problems = new ArrayList<>();
        for (MigrationSource source : pending) {
            for (DirectiveProblems.Problem p : DirectiveProblems.of(SqlScript.parse(source.fileName(), source.text()))) {
                if (!p.warning()) { // warnings reach the lint report as ZDM144 warnings
                    problems.add("  " + p.describe());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ZdmLintGateException("flyway-zdm refused to start migrate: " + problems.size() + " -- zdm: directive(s) in the"
                    + " pending migrations would not do what they say. Nothing was applied.\n" + String.join("\n", problems)
                    + "\nCorrect them and run migrate again (directives: docs/rules.md#zdm144).");
        }
    }
}
