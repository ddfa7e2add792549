package dev.zdm.core.lint;

import java.util.Locale;

/** Renders {@code docs/rules.md} from the rule classes, so the docs cannot drift from the code. */
public final class RulesDoc {
    private RulesDoc() {
    }

    public static String render() {
        StringBuilder out = new StringBuilder();
        out.append("# flyway-zdm lint rules\n\n")
                .append("<!-- Generated from the rule classes in flyway-zdm-core (dev.zdm.core.lint.rules) by RulesDoc; ")
                .append("RulesDocTest fails when this file differs. Regenerate: mvn -pl flyway-zdm-core test ")
                .append("-Dtest=RulesDocTest -Dzdm.updateDocs=true -->\n\n")
                .append("Each rule has a stable id, a default severity (change it or switch the rule off with ")
                .append("`flyway.zdm.lint.rules`, see configuration.md), the PostgreSQL versions it applies to, why it ")
                .append("matters and the safe rewrite. Findings name the migration, line and column, and their fix uses ")
                .append("the migration's own table and column names.\n\n")
                .append("Silence a reviewed statement with `-- zdm:ignore ZDM101 <reason>` directly above it (or after it ")
                .append("on the same line); at the top of the file followed by a blank line, or as `-- zdm:ignore-file`, ")
                .append("the directive covers the whole file.\n\n")
                .append("**Breaking changes and phases.** A migration declares its phase with `-- zdm:phase=expand`, ")
                .append("`migrate` or `contract` before its first statement. Drops, renames and DROP NOT NULL (ZDM120-ZDM123, ")
                .append("ZDM150: impact `breaking`) are reported as today in a migration that declares no phase; in one ")
                .append("declared `contract` they are expected and reported as info; in one declared `expand` or `migrate` ")
                .append("ZDM151 also reports them as errors. `flyway.zdm.phases=strict` treats an undeclared migration with ")
                .append("such a statement as `contract`. `-- zdm:ignore ZDM122 contract step: <why>` still silences one.\n\n")
                .append("**Table sizes.** The static lint (`zdm:lint`) cannot know table sizes. The migrate-time gate ")
                .append("can: it downgrades a finding on a table that does not exist yet, is created by a pending ")
                .append("migration of the same run, or is smaller than `flyway.zdm.lint.smallTableRows` to `info` ")
                .append("(impact `locking`; `nonempty` only for an empty table; `breaking` only for a new table; ")
                .append("`always` never).\n\n")
                .append("| id | rule | severity | PostgreSQL | summary |\n|---|---|---|---|---|\n");
        for (Rule r : Rules.all()) {
            out.append("| [").append(r.id()).append("](#").append(r.id().toLowerCase(Locale.ROOT)).append(") | ")
                    .append(r.name()).append(" | ").append(r.defaultSeverity().id()).append(" | ")
                    .append(r.versions().describe()).append(" | ").append(r.summary()).append(" |\n");
        }
        for (Rule r : Rules.all()) {
            out.append("\n## ").append(r.id()).append("\n\n")
                    .append("**").append(r.name()).append("**: ").append(r.summary()).append(".\n\n")
                    .append("- Severity: ").append(r.defaultSeverity().id()).append("\n")
                    .append("- PostgreSQL: ").append(r.versions().describe()).append("\n")
                    .append("- Impact: ").append(r.impact().name().toLowerCase(Locale.ROOT)).append("\n");
            if (r.lockExample() != null) {
                out.append("- Lock: ").append(r.lockExample().lock().sql()).append(" on `").append(r.lockExample().relation())
                        .append("` (blocks ")
                        .append(r.lockExample().lock().blocks()).append("), checked against a real server by ")
                        .append("`RuleLockLevelTest` with `").append(r.lockExample().statement()).append("`\n");
            }
            out.append("\n**Why.** ").append(r.why()).append("\n\n**Safe rewrite.** ").append(r.safeRewrite()).append("\n");
        }
        return out.toString();
    }
}
