package dev.zdm.core.report;

import dev.zdm.core.lint.Finding;
import dev.zdm.core.lint.LintResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Compiler-style text: {@code V3__add_index.sql:4:1: error ZDM101 <message>}, the fix indented below it,
 * and a summary line. Errors come first, then warnings, then info; within each severity the findings are
 * grouped by migration in Flyway order and by line, so the few that stop a build are not buried among the rest.
 */
public final class TextReport {
    private TextReport() {
    }

    public static String render(LintResult result) {
        StringBuilder out = new StringBuilder();
        for (Finding f : worstFirst(result.findings())) {
            out.append(finding(f));
        }
        out.append("flyway-zdm lint: ").append(Summary.of(result)).append('\n');
        return out.toString();
    }

    /**
     * The findings ordered by severity, worst first; the order among findings of the same severity (the linter's
     * file and line order) is kept.
     */
    public static List<Finding> worstFirst(List<Finding> findings) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparing(Finding::severity).reversed());
        return sorted;
    }

    /** One finding: its location line and, indented below it, its fix; each line ends with a newline. */
    public static String finding(Finding f) {
        StringBuilder out = new StringBuilder();
        out.append(Location.of(f).display()).append(": ").append(f.severity().id()).append(' ').append(f.ruleId()).append(' ')
                .append(f.message()).append('\n');
        if (f.fix() != null && !f.fix().isBlank()) {
            String[] lines = f.fix().split("\n");
            out.append("    fix: ").append(lines[0]).append('\n');
            for (int i = 1; i < lines.length; i++) {
                out.append("         ").append(lines[i]).append('\n');
            }
        }
        return out.toString();
    }
}
