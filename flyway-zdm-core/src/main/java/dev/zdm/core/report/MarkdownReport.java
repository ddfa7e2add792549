package dev.zdm.core.report;

import dev.zdm.core.lint.Finding;
import dev.zdm.core.lint.LintResult;
import dev.zdm.core.lint.Rules;

/** Markdown for a pull-request comment: a summary, a table, and each finding's fix in a SQL block. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(LintResult result) {
        StringBuilder out = new StringBuilder("### flyway-zdm migration lint\n\n");
        out.append(Summary.of(result).substring(0, 1).toUpperCase()).append(Summary.of(result).substring(1)).append(".\n");
        if (result.findings().isEmpty()) {
            return out.toString();
        }
        out.append("\n| | rule | where | problem |\n|---|---|---|---|\n");
        for (Finding f : result.findings()) {
            // Plain rule id and summary: a relative link to docs/rules.md would be broken in the user's repository.
            out.append("| ").append(f.severity().id()).append(" | ").append(f.ruleId())
                    .append(Rules.byId(f.ruleId()).map(r -> " " + cell(r.summary())).orElse("")).append(" | `")
                    .append(Location.of(f).display()).append("` | ")
                    .append(cell(f.message())).append(" |\n");
        }
        out.append('\n');
        for (Finding f : result.findings()) {
            out.append("<details><summary><code>").append(Location.of(f).display()).append("</code> ").append(f.ruleId())
                    .append(": how to fix</summary>\n\n```sql\n").append(f.statement().strip()).append(";\n```\n\n")
                    .append("Safe rewrite:\n\n```sql\n").append(f.fix()).append("\n```\n</details>\n\n");
        }
        return out.toString();
    }

    private static String cell(String text) {
        return TaskList.escape(text);
    }
}
