package dev.zdm.flyway.internal.watch;

import dev.zdm.core.report.Location;
import dev.zdm.core.report.Outcome;
import dev.zdm.core.report.TaskList;
import dev.zdm.core.text.Durations;
import dev.zdm.flyway.internal.watch.WatchSnapshot.BackfillProgress;
import dev.zdm.flyway.internal.watch.WatchSnapshot.IndexBuild;
import dev.zdm.flyway.internal.watch.WatchSummary.Blocker;
import dev.zdm.flyway.internal.watch.WatchSummary.LongestWait;
import java.time.Duration;
import java.util.Locale;

/**
 * A whole watch ({@link WatchSummary}) as Markdown for a pull request or an incident note: the most sessions blocked
 * at once, the longest wait, who blocked, the backfills and index builds seen, with the lines of the verify and
 * checklist reports ({@link TaskList}): {@code [x]} when nothing was blocked, {@code [ ]} when something was.
 */
public final class MarkdownWatch {
    private MarkdownWatch() {
    }

    public static String render(String database, WatchSummary s) {
        StringBuilder out = new StringBuilder("### flyway-zdm watch: ").append(TaskList.code(database)).append("\n\n");
        if (s.ticks() == 0) {
            return out.append("No tick was taken.\n").toString();
        }
        Duration span = Duration.between(s.first(), s.last());
        out.append(s.ticks()).append(s.ticks() == 1 ? " tick" : " ticks").append(" from ").append(s.first()).append(" to ")
                .append(s.last()).append(" (").append(Durations.format(span)).append(").\n\n");
        out.append(TaskList.markdownTask(s.maxBlocked() == 0 ? Outcome.PASSED : Outcome.FAILED, "Sessions blocked on a lock",
                s.maxBlocked() == 0 ? "none seen" : "at most " + s.maxBlocked() + " at once (at " + s.maxBlockedAt() + ")"));
        LongestWait w = s.longestWait();
        if (w != null) {
            out.append(TaskList.markdownLine(null, Location.object("session", "pid " + w.session().pid()),
                    "longest wait " + Durations.format(w.waited()) + " for " + (w.lockMode() == null ? "a lock" : w.lockMode())
                            + (w.relation() == null ? "" : " on " + w.relation()) + ": " + w.session().describe(), null));
        }
        for (Blocker b : s.blockers()) {
            out.append(TaskList.markdownLine(null, Location.object("session", "pid " + b.session().pid()),
                    "blocked " + b.blocked() + (b.blocked() == 1 ? " session" : " sessions") + " in " + b.ticks()
                            + (b.ticks() == 1 ? " tick" : " ticks") + ": " + b.session().describe(), null));
        }
        out.append("\n**Backfills seen:** ").append(s.backfills().isEmpty() ? "none" : String.valueOf(s.backfills().size())).append('\n');
        for (BackfillProgress b : s.backfills()) {
            Double fastest = s.fastest(b.id());
            out.append(TaskList.markdownLine(null, Location.object("backfill", b.id()), "on " + b.table() + ", last seen " + b.state()
                    + " with " + number(b.rowsDone()) + " rows done in " + number(b.batches()) + " batches"
                    + (fastest == null ? "" : ", up to " + number(Math.round(fastest)) + " rows/s")
                    + (b.lastError() == null || b.state().equals("running") ? "" : "; error: " + b.lastError()), null));
        }
        out.append("\n**Index builds seen:** ").append(s.indexBuilds().isEmpty() ? "none" : String.valueOf(s.indexBuilds().size())).append('\n');
        for (IndexBuild b : s.indexBuilds()) {
            out.append(TaskList.markdownLine(null, Location.object("index", b.index() == null ? "(not created yet)" : b.index()),
                    b.command() + " on " + (b.table() == null ? "?" : b.table()) + " by pid " + b.pid() + ", last seen: " + b.phase()
                            + (b.blocksTotal() > 0 ? ", blocks " + number(b.blocksDone()) + " of " + number(b.blocksTotal()) : ""), null));
        }
        if (s.unreadable() > 0) {
            out.append("\n").append(s.unreadable()).append(" section(s) could not be read in time (lock or statement timeout) and are "
                    + "missing from their ticks.\n");
        }
        return out.toString();
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
