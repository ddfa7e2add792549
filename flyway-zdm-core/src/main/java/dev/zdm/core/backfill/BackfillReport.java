package dev.zdm.core.backfill;

import java.util.List;
import java.util.Locale;

/**
 * What a backfill command did: the runs (for {@link BackfillAction#runPending()}) and every job as it stands afterwards.
 *
 * @param runs the jobs this command ran and how each ended
 * @param jobs every backfill recorded, with its progress
 */
public record BackfillReport(List<BackfillJobOutcome> runs, List<BackfillJob> jobs) {

    public BackfillReport {
        runs = List.copyOf(runs);
        jobs = List.copyOf(jobs);
    }

    /** False when a run of this command failed. */
    public boolean succeeded() {
        return runs.stream().noneMatch(r -> r.outcome() == BackfillJobOutcome.Outcome.FAILED);
    }

    /** For a console: one line per run, then one per job. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        for (BackfillJobOutcome run : runs) {
            out.append("ran ").append(run.backfillId()).append(": ").append(run.outcome().name().toLowerCase(Locale.ROOT));
            if (run.result() != null) {
                out.append(", ").append(run.result().rowsChanged()).append(" rows in ").append(run.result().batches()).append(" batches");
            }
            if (run.message() != null) {
                out.append("\n  ").append(run.message().replace("\n", "\n  "));
            }
            out.append('\n');
        }
        out.append(jobs.isEmpty() ? "No backfill jobs.\n" : "Backfill jobs:\n");
        for (BackfillJob job : jobs) {
            out.append("  ").append(job.id()).append(job.background() ? " (background)" : "").append(": ").append(job.progress()).append('\n');
        }
        return out.toString();
    }
}
