package dev.zdm.flyway.internal.verify;

import dev.zdm.core.report.Outcome;
import dev.zdm.core.report.TaskList;
import dev.zdm.flyway.internal.verify.VerifyReport.CheckResult;
import dev.zdm.flyway.internal.verify.VerifyReport.Problem;
import java.util.List;

/** {@link VerifyReport} for a terminal: one line per check, its problems indented below it. */
final class TextVerify {
    private TextVerify() {
    }

    static String render(VerifyReport r) {
        StringBuilder out = new StringBuilder();
        out.append("flyway-zdm verify of database ").append(r.database()).append(" (PostgreSQL ").append(r.serverVersion()).append(")\n\n");
        for (CheckResult c : r.checks()) {
            out.append("  ").append(word(c.outcome())).append(' ').append(c.id()).append(' ').append(c.name()).append(": ")
                    .append(c.evidence()).append('\n');
            for (Problem p : c.problems()) {
                out.append(TaskList.textLine("      ", false, null, p.location(), p.detail(), p.fix(), "        "));
            }
        }
        out.append('\n').append(verdict(r)).append('\n');
        return out.toString();
    }

    private static String word(Outcome outcome) {
        return switch (outcome) {
            case PASSED -> "PASSED";
            case FAILED -> "FAILED";
            case UNKNOWN -> "UNKNOWN";
        };
    }

    /**
     * {@code All 5 checks passed.}, {@code 2 of 5 checks failed: ZDV01, ZDV02.}, each followed by
     * {@code 1 unknown: ZDV08.} when a check could not be answered.
     */
    static String verdict(VerifyReport r) {
        List<String> failed = r.failedIds();
        List<String> unknown = r.ids(Outcome.UNKNOWN);
        String head;
        if (failed.isEmpty()) {
            head = unknown.isEmpty() ? "All " + r.checks().size() + " checks passed."
                    : "No check failed; " + (r.checks().size() - unknown.size()) + " of " + r.checks().size() + " passed.";
        } else {
            head = failed.size() + " of " + r.checks().size() + " checks failed: " + String.join(", ", failed) + ".";
        }
        return unknown.isEmpty() ? head : head + " " + unknown.size() + " unknown: " + String.join(", ", unknown) + ".";
    }
}
