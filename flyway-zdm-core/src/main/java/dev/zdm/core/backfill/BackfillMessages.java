package dev.zdm.core.backfill;

import dev.zdm.core.lock.SqlStates;
import dev.zdm.core.text.Durations;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a backfill run tells people: the start, progress, retry and done lines it logs, and the text of every
 * failure it raises. The run decides what happened; this class alone decides how it reads, so the wording stays in
 * one place (tests and users match on it).
 */
final class BackfillMessages {
    private static final Logger LOG = LoggerFactory.getLogger(BackfillMessages.class.getPackageName());

    private final String id;
    private final String name;
    private final Backfill backfill;

    BackfillMessages(String id, Backfill backfill) {
        this.id = id;
        this.name = backfill.displayName();
        this.backfill = backfill;
    }

    /** The logger every line of a backfill goes to (the throttle logs its pauses there too). */
    static Logger log() {
        return LOG;
    }

    // ---- lines of a run

    void notSplit(int ranges, KeyColumns key, TargetTable table) {
        LOG.warn("backfill {}: asked for {} key ranges, but the key {} of {} cannot be split (the table is empty, or the key is not"
                + " numeric and has no statistics in pg_stats: ANALYZE the table before the migration); recorded as one job", name, ranges,
                key.display(), table.display());
    }

    void enqueued(boolean recorded, String schema) {
        if (recorded) {
            LOG.info("backfill {}: recorded as background job {} in {}.{}; a runner (mvn zdm:backfill, ZdmBackfillWorker) runs it,"
                    + " the migration counts as applied", name, id, schema, BackfillCheckpoints.TABLE);
        } else {
            LOG.info("backfill {}: background job {} is already recorded in {}.{}; left as it is", name, id, schema, BackfillCheckpoints.TABLE);
        }
    }

    BackfillStoppedException stopped(BackfillCheckpoint.State state, RunStatistics stats, String schema) {
        String why = switch (state) {
            case PAUSED -> "paused by the operator; resume it with mvn zdm:backfill -Dzdm.resume=" + id;
            case CANCELLED -> "cancelled by the operator; run it again with mvn zdm:backfill -Dzdm.retry=" + id;
            default -> "its runner is stopping; any runner continues it from the checkpoint";
        };
        String message = "backfill " + name + " (" + id + "): stopped between batches after " + stats.rowsChanged()
                + " rows in this run, " + why + " (" + schema + "." + BackfillCheckpoints.TABLE + ")";
        LOG.info(message);
        return new BackfillStoppedException(message, state);
    }

    BackfillStoppedException stoppedByOperator(BackfillCheckpoint checkpoint) {
        String how = checkpoint.state() == BackfillCheckpoint.State.PAUSED ? "resume it with mvn zdm:backfill -Dzdm.resume=" + id
                : "run it again with mvn zdm:backfill -Dzdm.retry=" + id;
        return new BackfillStoppedException("backfill " + name + " (" + id + ") is " + checkpoint.state().sql() + " by the operator ("
                + checkpoint.summary() + "); nothing was run. To continue: " + how + ".", checkpoint.state());
    }

    void alreadyDone(BackfillCheckpoint checkpoint) {
        LOG.info("backfill {}: already done ({} rows, finished {}){}", name, checkpoint.rowsDone(), checkpoint.finishedAt(),
                backfill.verifies() ? "; verified that no row matches the predicate" : "");
    }

    void doneEarlierButMatchingAgain(BackfillCheckpoint checkpoint) {
        LOG.info("backfill {}: done earlier, but rows match the predicate again; starting pass {}", name, checkpoint.pass() + 1);
    }

    void lastPassIncomplete(BackfillCheckpoint checkpoint) {
        LOG.info("backfill {}: the last pass left rows matching the predicate; starting pass {} over the whole table",
                name, checkpoint.pass() + 1);
    }

    void checkpointForAnotherTableOrKey(BackfillCheckpoint checkpoint, TargetTable table, KeyColumns key) {
        LOG.warn("backfill {}: the checkpoint was for {} by key ({}), now it is {} by key {}: its position does not apply,"
                        + " starting over (rows already changed no longer match the predicate and are skipped)",
                name, checkpoint.targetTable(), String.join(", ", checkpoint.keyColumns()), table.qualified(), key.display());
    }

    void restartingChangedStatement(BackfillCheckpoint checkpoint) {
        LOG.warn("backfill {}: its statement changed since its unfinished checkpoint was written; starting pass {} over the whole table "
                + "with the new statement, as accepted", name, checkpoint.pass() + 1);
    }

    /** @param batching {@link #batching} */
    void starting(BackfillCheckpoint checkpoint, long estimatedTotal, KeyColumns key, String batching) {
        if (checkpoint.lastKey() == null) {
            LOG.info("backfill {}: starting, about {} rows, key {} ({}), {}: {}", name, estimatedTotal, key.display(), key.index(), batching,
                    backfill.describe());
        } else {
            LOG.info("backfill {}: resuming after key {} ({} rows done so far), about {} rows, {}", name,
                    KeyColumns.displayValue(checkpoint.lastKey()), checkpoint.rowsDone(), estimatedTotal, batching);
        }
    }

    /** How the batches are sized, for the start line. */
    static String batching(BatchSizer sizer, Duration target) {
        return sizer.isAdaptive() ? "batches adapted to " + Durations.format(target) : "batches of " + sizer.size() + " keys";
    }

    void progress(long keysDone, long estimatedTotal, double keysPerSecond, int batchSize) {
        LOG.info(ProgressLine.format(name, keysDone, estimatedTotal, keysPerSecond, batchSize));
    }

    void batchCommitted(List<String> lastKey, List<String> upper, long keys, long rows, Duration took) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("backfill {}: batch after {} up to {}: {} keys, {} rows, {}", name, KeyColumns.displayValue(lastKey),
                    KeyColumns.displayValue(upper), keys, rows, Durations.format(took));
        }
    }

    void retrying(List<String> lastKey, SQLException e, Duration attemptTook, int retry, int maxRetries, Duration pause, int batchSize,
                  String blockers) {
        LOG.warn("backfill {}: batch after key {} {} after {} ({}); retry {}/{} in {} with batch {}{}", name,
                KeyColumns.displayValue(lastKey), whatHappened(e), Durations.format(attemptTook), e.getSQLState(), retry, maxRetries,
                Durations.format(pause), batchSize, blockers == null ? "" : "; in the way:" + blockers);
    }

    void timeSpent(RunStatistics stats, Duration finalCount) {
        LOG.debug("backfill {}: time in bound queries {}, row changes {}, checkpoint writes {}, commits {}, final count {}", name,
                Durations.format(stats.boundTime()), Durations.format(stats.changeTime()), Durations.format(stats.checkpointTime()),
                Durations.format(stats.commitTime()), Durations.format(finalCount));
    }

    void done(RunStatistics stats, BackfillResult result, boolean verified) {
        LOG.info("backfill {}: done, {} rows {} in {} ({} batches, {} retries, longest batch {}){}", name, stats.rowsChanged(),
                backfill.operation() == Backfill.Operation.DELETE ? "deleted" : "updated", Durations.format(result.elapsed()),
                stats.batches(), stats.retries(), Durations.format(result.longestBatch()),
                verified ? "; no row matches the predicate any more" : "");
    }

    void couldNotRestore(SQLException e) {
        LOG.debug("backfill {}: could not restore the connection: {}", name, e.getMessage());
    }

    void rollbackFailed(SQLException e) {
        LOG.debug("backfill {}: rollback failed: {}", name, e.getMessage());
    }

    // ---- failures

    BackfillException failed(SQLException e) {
        return new BackfillException("Backfill " + id + " (" + backfill.describe() + ") failed: " + SqlStates.describe(e)
                + ". The checkpoint keeps the progress made; fix the cause and run it again.", e);
    }

    BackfillException failed(RuntimeException e) {
        return new BackfillException("Backfill " + id + " (" + backfill.describe() + ") failed: " + e, e);
    }

    BackfillException needsAutocommit() {
        return new BackfillException("Backfill " + id + " must run on a connection in autocommit mode: it commits after every batch"
                + " and would otherwise commit the caller's open transaction. For Flyway, run it in a migration that does not"
                + " execute in a transaction (BatchedBackfillMigration does this).");
    }

    BackfillException connectionUnusable(SQLException e) {
        return new BackfillException("Backfill " + id + ": cannot use the connection: " + SqlStates.describe(e), e);
    }

    BackfillException alreadyRunning(String holder, Duration waited) {
        return new RecordedFailure("Backfill " + id + " is already running in another session (" + holder + "), still after "
                + Durations.format(waited) + ". Let it finish, or end that session; then run this again: it continues from the checkpoint.");
    }

    BackfillException statementChanged(BackfillCheckpoint checkpoint, String statement) {
        return new BackfillException("backfill " + name + ": its statement changed since its unfinished checkpoint was written ("
                + checkpoint.rowsDone() + " rows done up to key (" + String.join(", ", checkpoint.lastKey()) + ")).\n  checkpoint: "
                + checkpoint.statement() + "\n  now:        " + statement + "\nContinuing would leave the rows before that key changed "
                + "by the old statement and the rest by the new one, so nothing was run. What to do: revert the change to finish "
                + "the backfill as it was started; or accept a new pass over the whole table with the new statement (with Flyway: "
                + "flyway.zdm.resumeEdited=rerun for one migrate).");
    }

    BackfillException checkpointMoved(String checkpointSchema) {
        return new RecordedFailure("Backfill " + id + ": its checkpoint in " + checkpointSchema + "." + BackfillCheckpoints.TABLE
                + " moved while this run held it: another session is running the same backfill. This run stopped without"
                + " changing anything in its last batch; let the other run finish.");
    }

    /** The text recorded in the checkpoint (and thrown) when rows still match after the walk. */
    String rowsRemain(TargetTable table, long remaining, List<String> sample) {
        return "Backfill " + id + ": after walking " + table.display() + " " + remaining + " row(s) still match the predicate `"
                + backfill.whereClause().orElseThrow() + "` (for example keys " + String.join(", ", sample) + "). Two causes are possible."
                + " (1) The SET does not make the predicate false for them: it writes a value the WHERE still accepts (for example NULL,"
                + " or in an UPDATE ... FROM a source value equal to the old one); then every re-run updates them again and ends here"
                + " again. Add a guard the update makes false, such as `AND t.col IS DISTINCT FROM s.col`, or turn the final count off"
                + " (verify=false / verifyNoneRemain(false)) if one pass is what you want. (2) They were written or changed after the walk"
                + " had passed their key: application code still writes the old shape. Make it write the new value (or add a DEFAULT or"
                + " trigger), then run the migration again: the next run starts a new pass that only changes the rows still matching."
                + " To tell them apart, run the SET on one of the keys above and see whether the row still matches.";
    }

    BackfillException batchFailed(List<String> lastKey, TargetTable table, String batchStatement, String checkpointSchema, SQLException e) {
        return new BackfillException("Backfill " + id + " failed in the batch after key " + KeyColumns.displayValue(lastKey)
                + " of " + table.display() + ": " + SqlStates.describe(e) + "\nBatch statement: " + batchStatement
                + "\nThe rows of earlier batches stay changed and the checkpoint (" + checkpointSchema + "." + BackfillCheckpoints.TABLE
                + ", backfill_id '" + id + "') makes the next run continue after key " + KeyColumns.displayValue(lastKey)
                + ". Fix the cause (the SET/WHERE fragment, or the data it trips on) and run it again.", e);
    }

    BackfillException retriesExhausted(List<String> lastKey, TargetTable table, Duration lockTimeout, Duration statementTimeout,
                                       SQLException e, int retried, String blockers, long rowsChanged) {
        return new BackfillException("Backfill " + id + ": the batch after key " + KeyColumns.displayValue(lastKey) + " of "
                + table.display() + " " + whatHappened(e) + " (lock_timeout " + Durations.format(lockTimeout) + ", statement_timeout "
                + Durations.format(statementTimeout) + ") and still did after " + retried + " retries: " + SqlStates.describe(e)
                + (blockers == null ? "" : "\nIn the way:" + blockers)
                + "\nNothing of this batch was applied; the checkpoint keeps the " + rowsChanged + " rows of earlier batches of this run."
                + " End or wait for the blocking session(s), then run it again; or allow more with maxRetries / lockTimeout.", e);
    }

    static BackfillException interrupted(Throwable cause) {
        return new BackfillException("backfill interrupted while waiting; the checkpoint keeps its progress", cause);
    }

    /** The sessions-in-the-way text when none hold anything, or pg_locks could not be read. */
    static String noSessionsInTheWay() {
        return " none found (the lock was released in the meantime)";
    }

    static String sessionsUnreadable(SQLException e) {
        return " (could not read pg_locks: " + e.getMessage() + ")";
    }

    private static String whatHappened(SQLException e) {
        return switch (e.getSQLState() == null ? "" : e.getSQLState()) {
            case SqlStates.LOCK_NOT_AVAILABLE -> "waited longer than lock_timeout for a lock";
            case SqlStates.DEADLOCK_DETECTED -> "was chosen as a deadlock victim";
            case SqlStates.SERIALIZATION_FAILURE -> "hit a serialization failure";
            case SqlStates.QUERY_CANCELED -> "ran longer than statement_timeout";
            default -> "failed";
        };
    }
}
