package dev.zdm.samples.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The table at the end: every step with the workload's p99, max, longest lock wait and errors, one column group per
 * run (flyway-zdm and naive side by side when both ran), and the verdict: with flyway-zdm no step may stall the
 * workload longer than about twice the lock timeout, and no operation may fail.
 */
final class DemoReport {
    /** flyway-zdm's default lock timeout ({@code flyway.zdm.lockTimeout}); a stall up to about twice it is expected. */
    static final double LOCK_TIMEOUT_MILLIS = 200;

    private DemoReport() {
    }

    static void print(List<RunResult> runs, PrintStream out) {
        out.println();
        StringBuilder header = new StringBuilder("| step |");
        StringBuilder rule = new StringBuilder("|---|");
        for (RunResult run : runs) {
            String m = run.mode().label();
            header.append(' ').append(m).append(" time | p99 | max | lock wait | errors |");
            rule.append("---:|---:|---:|---:|---:|");
        }
        out.println(header);
        out.println(rule);
        int rows = runs.get(0).steps().size();
        for (int i = 0; i < rows; i++) {
            StringBuilder line = new StringBuilder("| ").append(runs.get(0).steps().get(i).title()).append(" |");
            for (RunResult run : runs) {
                StepResult s = run.steps().get(i);
                line.append(String.format(Locale.ROOT, " %.1f s | %s | %s | %s | %d |", s.seconds(), millis(s.latency().p99Millis()),
                        millis(s.latency().maxMillis()), millis(s.lockWaitMillis()), s.latency().errors()));
            }
            out.println(line);
        }
        out.println();
        for (RunResult run : runs) {
            out.printf(Locale.ROOT, "%s: dataset loaded in %.1f s; worst stall %s, %d workload errors%s%n", run.mode().label(),
                    run.loadSeconds(), millis(run.worstMaxMillis()), run.errors(), verdict(run));
        }
        if (runs.size() == 1 && runs.get(0).mode() == Mode.ZDM) {
            out.println("The naive way for comparison, side by side: mvn -B -q -pl samples exec:java -Dexec.args=\"--both\" "
                    + "(or --naive for the naive run alone)");
        }
    }

    private static String verdict(RunResult run) {
        if (run.mode() != Mode.ZDM) {
            return "";
        }
        double limit = 2 * LOCK_TIMEOUT_MILLIS;
        boolean ok = run.errors() == 0 && run.worstMaxMillis() <= limit;
        return String.format(Locale.ROOT, " (target: below about %s, i.e. twice the lock timeout, and no error): %s", millis(limit),
                ok ? "met" : "NOT met");
    }

    static String millis(double millis) {
        return millis >= 1000 ? String.format(Locale.ROOT, "%.2f s", millis / 1000) : String.format(Locale.ROOT, "%.0f ms", millis);
    }
}
