package dev.zdm.flyway.internal.watch;

import dev.zdm.core.lock.SessionInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one tick of a {@link Watch} saw.
 *
 * @param tick       1 for the first snapshot
 * @param at         when it was read (server clock)
 * @param touched    the relations the pending migrations touch, as the watch resolved them; empty when unknown
 * @param blocked    the sessions waiting for a lock, those on a touched relation first
 * @param backfills  the backfills running, or whose checkpoint changed since the previous tick
 * @param indexBuilds the index builds in progress ({@code pg_stat_progress_create_index})
 * @param holders    sessions idle in a transaction, or in one older than the watch's threshold, that hold a lock on a
 *                   touched relation and are not shown already (as blocked, as a blocker or as an index build)
 * @param unreadable what could not be read this tick and why (a lock or statement timeout), one line each
 */
public record WatchSnapshot(int tick, Instant at, List<String> touched, List<BlockedSession> blocked,
                            List<BackfillProgress> backfills, List<IndexBuild> indexBuilds, List<LockHolder> holders,
                            List<String> unreadable) {

    public WatchSnapshot {
        touched = List.copyOf(touched);
        blocked = List.copyOf(blocked);
        backfills = List.copyOf(backfills);
        indexBuilds = List.copyOf(indexBuilds);
        holders = List.copyOf(holders);
        unreadable = List.copyOf(unreadable);
    }

    /** True when no session waits for a lock. */
    public boolean nothingBlocked() {
        return blocked.isEmpty();
    }

    /**
     * A session waiting for a lock.
     *
     * @param session  the waiting session
     * @param relation the relation whose lock it waits for, or null (a row or transaction lock)
     * @param lockMode the mode it asked for, or null
     * @param waiting  how long it has waited ({@code pg_locks.waitstart} on PostgreSQL 14+, else since its query started)
     * @param touched  whether {@code relation} is one the pending migrations touch
     * @param blockers the sessions in its way ({@code pg_blocking_pids}), oldest transaction first
     */
    public record BlockedSession(SessionInfo session, String relation, String lockMode, Duration waiting, boolean touched,
                                 List<SessionInfo> blockers) {
        public BlockedSession {
            blockers = List.copyOf(blockers);
        }
    }

    /**
     * A backfill's checkpoint.
     *
     * @param id            the backfill id
     * @param table         its table
     * @param state         running, failed, done, ... (the checkpoint's state in lower case)
     * @param rowsDone      rows changed over all passes
     * @param batches       batches committed
     * @param rowsPerSecond rows done per second since the previous tick, or null on the first tick of the backfill
     * @param lastError     the error that stopped it, or null
     */
    public record BackfillProgress(String id, String table, String state, long rowsDone, long batches, Double rowsPerSecond,
                                   String lastError) {
    }

    /**
     * An index build in progress.
     *
     * @param pid         the building backend
     * @param table       the table, or null when it is gone
     * @param index       the index, or null before it exists
     * @param command     CREATE INDEX CONCURRENTLY, REINDEX, ...
     * @param phase       the build phase, e.g. "waiting for old snapshots"
     * @param blocksDone  blocks done in this phase
     * @param blocksTotal blocks to do in this phase (0 when the phase does not count blocks)
     * @param tuplesDone  tuples done in this phase
     * @param tuplesTotal tuples to do in this phase
     * @param waitingFor  the sessions it waits for in a waiting phase ({@code current_locker_pid}), else empty
     */
    public record IndexBuild(int pid, String table, String index, String command, String phase, long blocksDone,
                             long blocksTotal, long tuplesDone, long tuplesTotal, List<SessionInfo> waitingFor) {
        public IndexBuild {
            waitingFor = List.copyOf(waitingFor);
        }
    }

    /**
     * A session holding a lock on a touched relation while idle in a transaction or in a long one.
     *
     * @param session   the session
     * @param relations the touched relations it holds a lock on
     */
    public record LockHolder(SessionInfo session, List<String> relations) {
        public LockHolder {
            relations = List.copyOf(relations);
        }
    }
}
