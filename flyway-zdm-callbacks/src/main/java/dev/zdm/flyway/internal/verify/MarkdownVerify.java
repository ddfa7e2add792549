package dev.zdm.flyway.internal.verify;

import dev.zdm.core.report.TaskList;
import dev.zdm.flyway.internal.verify.VerifyReport.CheckResult;
import dev.zdm.flyway.internal.verify.VerifyReport.Problem;

/**
 * {@link VerifyReport} as Markdown for a pull request: a task list, {@code [x]} for a passed check, {@code [ ]} for a
 * failed one and {@code [?]} for an unknown one, its problems as a nested list with the fix ({@link TaskList}).
 */
final class MarkdownVerify {
    private MarkdownVerify() {
    }

    static String render(VerifyReport r) {
        StringBuilder out = new StringBuilder();
        out.append("### flyway-zdm verify: ").append(TaskList.code(r.database())).append(" (PostgreSQL ").append(r.serverVersion()).append(")\n\n");
        out.append("**").append(TextVerify.verdict(r)).append("**\n\n");
        for (CheckResult c : r.checks()) {
            out.append(TaskList.markdownTask(c.outcome(), c.id(), c.summary() + ": " + c.evidence()));
            for (Problem p : c.problems()) {
                out.append(TaskList.markdownLine(null, p.location(), p.detail(), p.fix()));
            }
        }
        out.append("\nChecks are described in docs/checks.md of flyway-zdm.\n");
        return out.toString();
    }
}
