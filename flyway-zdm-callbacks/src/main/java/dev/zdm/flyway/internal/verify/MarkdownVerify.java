package dev.zdm.flyway.internal.verify;

import dev.zdm.flyway.internal.verify.VerifyReport.CheckResult;
import dev.zdm.flyway.internal.verify.VerifyReport.Problem;

/**
 * {@link VerifyReport} as Markdown for a pull request: a task list, {@code [x]} for a passed check and {@code [ ]}
 * for a failed one, its problems as a nested list with the fix. Names and queries are code spans.
 */
final class MarkdownVerify {
    private MarkdownVerify() {
    }

    static String render(VerifyReport r) {
        StringBuilder out = new StringBuilder();
        out.append("### flyway-zdm verify: ").append(code(r.database())).append(" (PostgreSQL ").append(r.serverVersion()).append(")\n\n");
        out.append("**").append(TextVerify.verdict(r)).append("**\n\n");
        for (CheckResult c : r.checks()) {
            out.append("- [").append(c.passed() ? 'x' : ' ').append("] **").append(c.id()).append("** ").append(c.summary())
                    .append(": ").append(escape(c.evidence())).append('\n');
            for (Problem p : c.problems()) {
                out.append("  - ").append(code(p.subject())).append(": ").append(escape(p.detail())).append(" Fix: ")
                        .append(escape(p.fix())).append('\n');
            }
        }
        out.append("\nChecks are described in docs/checks.md of flyway-zdm.\n");
        return out.toString();
    }

    /** A code span that survives backticks in the text. */
    private static String code(String text) {
        String fence = text.contains("`") ? "``" : "`";
        return fence + (fence.length() > 1 ? " " + text + " " : text) + fence;
    }

    /** Keeps a line break or a pipe from the database out of the list's structure. */
    private static String escape(String text) {
        return text == null ? "" : text.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
    }
}
