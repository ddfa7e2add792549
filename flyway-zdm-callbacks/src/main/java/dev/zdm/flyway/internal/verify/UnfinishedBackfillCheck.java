package dev.zdm.flyway.internal.verify;

import dev.zdm.core.backfill.BackfillCheckpoint;
import dev.zdm.core.backfill.BackfillJob;
import dev.zdm.core.backfill.BackfillJobs;
import dev.zdm.core.report.Location;
import dev.zdm.flyway.internal.verify.VerifyReport.Problem;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** ZDV04: every batched backfill ({@code -- zdm:batched}) is done, from its checkpoint in {@code zdm_backfill_progress}. */
final class UnfinishedBackfillCheck implements IntegrityCheck {
    @Override
    public String id() {
        return "ZDV04";
    }

    @Override
    public String name() {
        return "unfinished-backfill";
    }

    @Override
    public String summary() {
        return "Every batched backfill is done";
    }

    @Override
    public String why() {
        return "A batched UPDATE or DELETE (-- zdm:batched) runs as many short transactions and records its checkpoint "
                + "after each. A failed one, one that left rows matching its predicate (incomplete), or one still running "
                + "(or killed) means part of the table still has the old data, which the next migration (a NOT NULL, a "
                + "constraint, code that reads the new column) may rely on.";
    }

    @Override
    public String fix() {
        return "Run migrate again: it continues the backfill from its checkpoint (for a failed one, after fixing the error "
                + "it recorded). A running one: wait until it ends, or, if its session is gone, run migrate again.";
    }

    @Override
    public CheckOutcome run(VerifyContext context) throws SQLException {
        List<BackfillJob> all = ReadOnlyTransaction.run(context.connection(), context.statementTimeout(),
                c -> BackfillJobs.all(c, context.stateSchema()));
        List<Problem> problems = new ArrayList<>();
        for (BackfillJob job : all) {
            BackfillCheckpoint b = job.checkpoint();
            if (!b.unfinished()) {
                continue;
            }
            String state = b.state().name().toLowerCase(Locale.ROOT);
            String detail = "backfill on " + b.targetTable() + " is " + state + ": " + b.summary()
                    + (b.lastError() == null ? "" : "; last error: " + firstLine(b.lastError())) + ".";
            String fix = job.background() ? backgroundFix(job)
                    : b.state() == BackfillCheckpoint.State.RUNNING
                    ? "wait for the running migrate to finish it; if no session runs it any more, run migrate again: it resumes"
                    : "run migrate again: it continues from the checkpoint" + (b.lastError() == null ? "" : " once the error is fixed");
            problems.add(new Problem(Location.object("backfill", b.backfillId()), detail, fix));
        }
        String evidence = all.isEmpty() ? "no batched backfill recorded"
                : Counted.of(all.size(), "backfill", "backfills") + " recorded, " + (all.size() - problems.size()) + " done";
        return new CheckOutcome(evidence, problems);
    }

    /** A background job is finished by the runners, not by migrate. */
    private static String backgroundFix(BackfillJob job) {
        return switch (job.state()) {
            case PAUSED -> "it is paused: mvn zdm:backfill -Dzdm.resume=" + job.id() + ", then let the runners finish it";
            case FAILED, CANCELLED, INCOMPLETE -> "fix the cause, then mvn zdm:backfill -Dzdm.retry=" + job.id();
            default -> "a background job: let the runners finish it (mvn zdm:backfill runs it to the end; a ZdmBackfillWorker in the"
                    + " application does too)";
        };
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
