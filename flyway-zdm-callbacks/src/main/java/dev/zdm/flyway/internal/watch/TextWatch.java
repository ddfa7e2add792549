package dev.zdm.flyway.internal.watch;

import dev.zdm.core.lock.SessionInfo;
import dev.zdm.core.text.Durations;
import dev.zdm.flyway.internal.watch.WatchSnapshot.BackfillProgress;
import dev.zdm.flyway.internal.watch.WatchSnapshot.BlockedSession;
import dev.zdm.flyway.internal.watch.WatchSnapshot.IndexBuild;
import dev.zdm.flyway.internal.watch.WatchSnapshot.LockHolder;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Renders watch snapshots as text, one compact block per tick. {@link #render} always returns the block;
 * {@link #changed} returns it only when it says something new, so a quiet database prints "nothing blocked" once
 * rather than every second, while a wait (whose time grows) prints on every tick.
 */
public final class TextWatch {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private String previousBody;

    /** The block for {@code snapshot}, each line ending in a new line. */
    public String render(WatchSnapshot snapshot) {
        return header(snapshot) + body(snapshot);
    }

    /** The block for {@code snapshot}, or an empty string when it says what the previous one said. */
    public String changed(WatchSnapshot snapshot) {
        String body = body(snapshot);
        if (body.equals(previousBody)) {
            return "";
        }
        previousBody = body;
        return header(snapshot) + body;
    }

    private static String header(WatchSnapshot s) {
        StringBuilder out = new StringBuilder(TIME.format(s.at())).append(" tick ").append(s.tick()).append(": ");
        out.append(s.nothingBlocked() ? "nothing blocked" : count(s.blocked().size(), "session") + " blocked");
        if (!s.backfills().isEmpty()) {
            out.append(", ").append(count(s.backfills().size(), "backfill"));
        }
        if (!s.indexBuilds().isEmpty()) {
            out.append(", ").append(count(s.indexBuilds().size(), "index build"));
        }
        return out.append('\n').toString();
    }

    private static String body(WatchSnapshot s) {
        StringBuilder out = new StringBuilder();
        for (BlockedSession b : s.blocked()) {
            out.append("  blocked: ").append(b.session().describe()).append('\n');
            out.append("    waits");
            if (b.waiting() != null) {
                out.append(' ').append(Durations.format(b.waiting()));
            }
            out.append(" for ").append(b.lockMode() == null ? "a lock" : b.lockMode());
            if (b.relation() != null) {
                out.append(" on ").append(b.relation());
            }
            if (b.touched()) {
                out.append(" (a table the pending migrations touch)");
            }
            out.append('\n');
            for (SessionInfo blocker : b.blockers()) {
                out.append("    blocked by ").append(blocker.describe()).append('\n');
            }
        }
        for (BackfillProgress b : s.backfills()) {
            out.append("  backfill ").append(b.id()).append(" on ").append(b.table()).append(": ").append(b.state()).append(", ")
                    .append(number(b.rowsDone())).append(" rows done in ").append(count(b.batches(), "batch"));
            if (b.rowsPerSecond() != null) {
                out.append(", ").append(number(Math.round(b.rowsPerSecond()))).append(" rows/s since the last tick");
            }
            out.append('\n');
            if (b.lastError() != null && !b.state().equals("running")) {
                out.append("    error: ").append(b.lastError().replaceAll("\\s+", " ")).append('\n');
            }
        }
        for (IndexBuild b : s.indexBuilds()) {
            out.append("  index build: pid ").append(b.pid()).append(' ').append(b.command());
            if (b.index() != null) {
                out.append(' ').append(b.index());
            }
            out.append(" on ").append(b.table() == null ? "?" : b.table()).append(": ").append(b.phase());
            if (b.blocksTotal() > 0) {
                out.append(", blocks ").append(number(b.blocksDone())).append(" of ").append(number(b.blocksTotal()));
            }
            if (b.tuplesTotal() > 0) {
                out.append(", tuples ").append(number(b.tuplesDone())).append(" of ").append(number(b.tuplesTotal()));
            }
            out.append('\n');
            for (SessionInfo locker : b.waitingFor()) {
                out.append("    waiting for ").append(locker.describe()).append('\n');
            }
        }
        for (LockHolder h : s.holders()) {
            out.append("  holds a lock on ").append(String.join(", ", h.relations())).append(": ").append(h.session().describe())
                    .append('\n');
        }
        for (String note : s.unreadable()) {
            out.append("  not read this tick: ").append(note).append('\n');
        }
        return out.toString();
    }

    private static String count(long n, String noun) {
        return number(n) + " " + noun + (n == 1 ? "" : noun.endsWith("ch") ? "es" : "s");
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
