package dev.zdm.core.backfill;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One row of {@code zdm_backfill_progress}: how far a backfill got. It is written in the same transaction as
 * each batch, so it never runs ahead of or behind the data.
 *
 * @param backfillId  the id (for a Flyway Java migration: its class name; for a SQL migration: its script name,
 *                    {@code #} and the ordinal of the batched statement)
 * @param targetTable the table, {@code "schema"."table"}
 * @param keyColumns  the key the walk uses
 * @param lastKey     the last key of the last committed batch (as text), or null before the first
 * @param pass        1 for the first walk over the table; a run after a completed walk that left rows behind
 *                    starts pass 2, and so on
 * @param rowsDone    rows changed over all passes
 * @param keysScanned keys walked in the current pass
 * @param batches     batches committed over all passes
 * @param state       where it stands
 * @param statement   the batch statement
 * @param startedAt   when the current pass started
 * @param updatedAt   when the row last changed
 * @param finishedAt  when it was done, or null
 * @param active      time spent inside batches
 * @param lastError   the error that stopped the last run, or null
 */
public record BackfillCheckpoint(String backfillId, String targetTable, List<String> keyColumns, List<String> lastKey, int pass,
                                 long rowsDone, long keysScanned, long batches, State state, String statement, Instant startedAt,
                                 Instant updatedAt, Instant finishedAt, Duration active, String lastError) {

    /** Where a backfill stands. */
    public enum State {
        /** A background job recorded by its migration, not taken by a runner yet. */
        QUEUED,
        /** Walking the table, or killed while it was (nothing records a kill); a background job: any runner continues it. */
        RUNNING,
        /** A background job the operator paused; runners leave it until it is resumed. */
        PAUSED,
        /** Stopped by an error; the next run resumes after {@code lastKey}. */
        FAILED,
        /** The walk finished but rows still match the predicate; the next run starts a new pass. */
        INCOMPLETE,
        /** A background job the operator cancelled; it stays where it stopped until it is retried. */
        CANCELLED,
        /** Walked and verified. */
        DONE;

        /** As stored and shown: {@code queued}, {@code running}, ... */
        public String sql() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State of(String sql) {
            return valueOf(sql.toUpperCase(Locale.ROOT));
        }
    }

    /** Not done: a run of this backfill was interrupted or left rows behind, and the next run continues it. */
    public boolean unfinished() {
        return state != State.DONE;
    }

    /** For messages: {@code state failed, 420000 rows done, last key [420000]}. */
    public String summary() {
        return "state " + state.sql() + ", " + rowsDone + " rows done, last key " + KeyColumns.displayValue(lastKey)
                + (pass > 1 ? ", pass " + pass : "");
    }
}
