package dev.zdm.core.report;

import dev.zdm.core.lint.LintResult;
import dev.zdm.core.lint.Severity;

/** The one-line summary every report ends or starts with. */
final class Summary {
    private Summary() {
    }

    static String of(LintResult r) {
        StringBuilder s = new StringBuilder();
        int n = r.findings().size();
        s.append(n == 0 ? "no findings" : n + (n == 1 ? " finding" : " findings"));
        if (n > 0) {
            s.append(" (").append(r.count(Severity.ERROR)).append(" error").append(r.count(Severity.ERROR) == 1 ? "" : "s")
                    .append(", ").append(r.count(Severity.WARNING)).append(" warning").append(r.count(Severity.WARNING) == 1 ? "" : "s")
                    .append(", ").append(r.count(Severity.INFO)).append(" info)");
        }
        s.append(" in ").append(r.statements()).append(r.statements() == 1 ? " statement" : " statements").append(" of ")
                .append(r.files()).append(r.files() == 1 ? " file" : " files");
        if (r.suppressed() > 0) {
            s.append("; ").append(r.suppressed()).append(" suppressed by zdm:ignore");
        }
        if (r.baselined() > 0) {
            s.append("; ").append(r.baselined()).append(" accepted in the baseline");
        }
        return s.toString();
    }
}
