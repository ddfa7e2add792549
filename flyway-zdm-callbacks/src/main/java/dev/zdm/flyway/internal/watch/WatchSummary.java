package dev.zdm.flyway.internal.watch;

import dev.zdm.core.lock.SessionInfo;
import dev.zdm.flyway.internal.watch.WatchSnapshot.BackfillProgress;
import dev.zdm.flyway.internal.watch.WatchSnapshot.BlockedSession;
import dev.zdm.flyway.internal.watch.WatchSnapshot.IndexBuild;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a whole watch saw, folded tick by tick ({@link #add}): the most sessions blocked at once, the longest wait, who
 * blocked them, and the backfills and index builds seen with their last state. {@link MarkdownWatch} renders it at the
 * end of {@code zdm:watch -Dzdm.format=markdown}.
 */
public final class WatchSummary {
    /**
     * The longest wait seen.
     *
     * @param session  the waiting session (as last seen waiting)
     * @param relation the relation it waited for, or null
     * @param lockMode the mode it asked for, or null
     * @param waited   how long
     * @param at       when that was seen
     */
    public record LongestWait(SessionInfo session, String relation, String lockMode, Duration waited, Instant at) {
    }

    /**
     * A session that blocked others.
     *
     * @param session  as last seen
     * @param blocked  how many different sessions it was seen blocking
     * @param ticks    in how many ticks it blocked one
     */
    public record Blocker(SessionInfo session, int blocked, int ticks) {
    }

    private int ticks;
    private Instant first;
    private Instant last;
    private int maxBlocked;
    private Instant maxBlockedAt;
    private LongestWait longestWait;
    private final Map<Integer, SessionInfo> blockers = new LinkedHashMap<>();
    private final Map<Integer, Set<Integer>> blockedBy = new LinkedHashMap<>();
    private final Map<Integer, Integer> blockerTicks = new LinkedHashMap<>();
    private final Map<String, BackfillProgress> backfills = new LinkedHashMap<>();
    private final Map<String, Double> fastest = new LinkedHashMap<>();
    private final Map<String, IndexBuild> indexBuilds = new LinkedHashMap<>();
    private int unreadable;

    /** Folds one tick in. */
    public void add(WatchSnapshot s) {
        ticks++;
        if (first == null) {
            first = s.at();
        }
        last = s.at();
        if (s.blocked().size() > maxBlocked) {
            maxBlocked = s.blocked().size();
            maxBlockedAt = s.at();
        }
        Set<Integer> blockingNow = new HashSet<>();
        for (BlockedSession b : s.blocked()) {
            if (b.waiting() != null && (longestWait == null || b.waiting().compareTo(longestWait.waited()) > 0)) {
                longestWait = new LongestWait(b.session(), b.relation(), b.lockMode(), b.waiting(), s.at());
            }
            for (SessionInfo blocker : b.blockers()) {
                blockers.put(blocker.pid(), blocker);
                blockedBy.computeIfAbsent(blocker.pid(), k -> new LinkedHashSet<>()).add(b.session().pid());
                blockingNow.add(blocker.pid());
            }
        }
        blockingNow.forEach(pid -> blockerTicks.merge(pid, 1, Integer::sum));
        for (BackfillProgress b : s.backfills()) {
            backfills.put(b.id(), b);
            if (b.rowsPerSecond() != null) {
                fastest.merge(b.id(), b.rowsPerSecond(), Math::max);
            }
        }
        for (IndexBuild b : s.indexBuilds()) {
            indexBuilds.put(b.pid() + "/" + (b.index() == null ? "" : b.index()), b);
        }
        unreadable += s.unreadable().size();
    }

    public int ticks() {
        return ticks;
    }

    /** First and last tick's time, null before any. */
    public Instant first() {
        return first;
    }

    public Instant last() {
        return last;
    }

    /** The most sessions blocked in one tick. */
    public int maxBlocked() {
        return maxBlocked;
    }

    /** When {@link #maxBlocked()} was seen first, or null when nothing was blocked. */
    public Instant maxBlockedAt() {
        return maxBlockedAt;
    }

    /** The longest wait seen, or null. */
    public LongestWait longestWait() {
        return longestWait;
    }

    /** Every session seen blocking another, most sessions blocked first. */
    public List<Blocker> blockers() {
        return blockers.values().stream().map(s -> new Blocker(s, blockedBy.get(s.pid()).size(), blockerTicks.getOrDefault(s.pid(), 0)))
                .sorted(Comparator.comparingInt(Blocker::blocked).reversed()).toList();
    }

    /** Every backfill seen, as last seen. */
    public Collection<BackfillProgress> backfills() {
        return backfills.values();
    }

    /** The highest rows per second seen for a backfill, or null. */
    public Double fastest(String backfillId) {
        return fastest.get(backfillId);
    }

    /** Every index build seen, as last seen. */
    public Collection<IndexBuild> indexBuilds() {
        return indexBuilds.values();
    }

    /** How many sections could not be read over all ticks (lock or statement timeouts). */
    public int unreadable() {
        return unreadable;
    }
}
