package dev.zdm.flyway.internal.verify;

import dev.zdm.flyway.internal.verify.VerifyReport.CheckResult;
import dev.zdm.flyway.internal.verify.VerifyReport.Problem;

/** {@link VerifyReport} for a terminal: one line per check, its problems indented below it. */
final class TextVerify {
    private TextVerify() {
    }

    static String render(VerifyReport r) {
        StringBuilder out = new StringBuilder();
        out.append("flyway-zdm verify of database ").append(r.database()).append(" (PostgreSQL ").append(r.serverVersion()).append(")\n\n");
        for (CheckResult c : r.checks()) {
            out.append(c.passed() ? "  PASSED " : "  FAILED ").append(c.id()).append(' ').append(c.name()).append(": ")
                    .append(c.evidence()).append('\n');
            for (Problem p : c.problems()) {
                out.append("      ").append(p.subject()).append(": ").append(p.detail()).append("\n        fix: ").append(p.fix()).append('\n');
            }
        }
        out.append('\n').append(verdict(r)).append('\n');
        return out.toString();
    }

    /** {@code All 5 checks passed.} or {@code 2 of 5 checks failed: ZDV01, ZDV02.} */
    static String verdict(VerifyReport r) {
        if (r.passed()) {
            return "All " + r.checks().size() + " checks passed.";
        }
        return r.failedIds().size() + " of " + r.checks().size() + " checks failed: " + String.join(", ", r.failedIds()) + ".";
    }
}
