package dev.zdm.flyway.internal.gate;

import dev.zdm.core.lint.Finding;
import dev.zdm.core.lint.LintResult;
import dev.zdm.core.lint.Severity;
import dev.zdm.core.report.TextReport;
import java.util.List;
import org.slf4j.Logger;

/**
 * What the gate tells the user: the refusal lists only the findings that block (errors first, grouped by
 * migration in Flyway order), then one line counting the others and where to read them; the log gets every
 * finding, worst first.
 */
final class GateReport {
    private GateReport() {
    }

    static List<Finding> blocking(LintResult result, String failOn) {
        if (failOn.equals("none")) {
            return List.of();
        }
        Severity threshold = Severity.parse(failOn);
        return TextReport.worstFirst(result.findings()).stream().filter(f -> f.severity().atLeast(threshold)).toList();
    }

    static String refusal(LintResult result, String failOn, int pgVersion) {
        List<Finding> blocking = blocking(result, failOn);
        StringBuilder m = new StringBuilder();
        m.append("flyway-zdm refused to start migrate: ").append(blocking.size())
                .append(" finding(s) in the pending migrations reach flyway.zdm.lint.failOn=").append(failOn)
                .append(" on this PostgreSQL ").append(pgVersion).append(" database. Nothing was applied.\n");
        for (Finding f : blocking) {
            m.append(TextReport.finding(f));
        }
        long others = result.findings().size() - blocking.size();
        if (others > 0) {
            m.append("Not blocking: ").append(counts(result.findings().stream().filter(f -> !blocking.contains(f)).toList()))
                    .append(", logged above by dev.zdm.flyway.internal.gate (warnings at WARN, info at INFO); mvn zdm:lint lists them all.\n");
        }
        m.append("What to do: fix the migrations as shown (rules: docs/rules.md); or mark a reviewed statement with "
                + "-- zdm:ignore <rule> <reason>; or accept a finding without editing the file with "
                + "flyway.zdm.lint.accept=<rule>@<version>:<reason> or a zdm:lint baseline file (flyway.zdm.lint.baseline); "
                + "or change flyway.zdm.lint.failOn / flyway.zdm.lint.rules.");
        return m.toString();
    }

    /** Every finding, worst first: warnings and errors at WARN, info at INFO. */
    static void log(Logger log, List<Finding> findings) {
        for (Finding f : TextReport.worstFirst(findings)) {
            String line = f.location() + ": " + f.severity().id() + " " + f.ruleId() + " " + f.message();
            if (f.severity() == Severity.INFO) {
                log.info(line);
            } else {
                log.warn(line);
            }
        }
    }

    /** {@code 3 warnings and 85 info findings} */
    static String counts(List<Finding> findings) {
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        long info = findings.stream().filter(f -> f.severity() == Severity.INFO).count();
        StringBuilder s = new StringBuilder();
        if (errors > 0) {
            s.append(errors).append(errors == 1 ? " error" : " errors");
        }
        if (warnings > 0) {
            s.append(s.length() > 0 ? (info > 0 ? ", " : " and ") : "").append(warnings).append(warnings == 1 ? " warning" : " warnings");
        }
        if (info > 0) {
            s.append(s.length() > 0 ? " and " : "").append(info).append(" info finding").append(info == 1 ? "" : "s");
        }
        return s.toString();
    }
}
