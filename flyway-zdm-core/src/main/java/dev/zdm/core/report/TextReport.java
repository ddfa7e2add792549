package dev.zdm.core.report;

import dev.zdm.core.lint.Finding;
import dev.zdm.core.lint.LintResult;

/**
 * Compiler-style text: {@code V3__add_index.sql:4:1: error ZDM101 <message>}, the fix indented below it,
 * and a summary line.
 */
public final class TextReport {
    private TextReport() {
    }

    public static String render(LintResult result) {
        StringBuilder out = new StringBuilder();
        for (Finding f : result.findings()) {
            out.append(f.location()).append(": ").append(f.severity().id()).append(' ').append(f.ruleId()).append(' ')
                    .append(f.message()).append('\n');
            if (f.fix() != null && !f.fix().isBlank()) {
                String[] lines = f.fix().split("\n");
                out.append("    fix: ").append(lines[0]).append('\n');
                for (int i = 1; i < lines.length; i++) {
                    out.append("         ").append(lines[i]).append('\n');
                }
            }
        }
        out.append("flyway-zdm lint: ").append(Summary.of(result)).append('\n');
        return out.toString();
    }
}
