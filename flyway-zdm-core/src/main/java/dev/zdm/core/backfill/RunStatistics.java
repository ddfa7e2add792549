package dev.zdm.core.backfill;

import java.time.Duration;
import java.util.List;

/**
 * What one run of a backfill has done so far: rows changed, keys walked, batches, retries, the longest batch, and
 * where batch time went (bound queries, row changes, checkpoint writes, commits) for the debug summary. Plain
 * counters, read by the progress line, the done line and the {@link BackfillResult}.
 */
final class RunStatistics {
    private final long runStart = System.nanoTime();
    private long rowsChanged;
    private long keysScanned;
    private long batches;
    private long retries;
    private long longestBatchNanos;
    private long boundNanos;
    private long changeNanos;
    private long checkpointNanos;
    private long commitNanos;

    /** A committed batch and how its time split. */
    void batchCommitted(long rows, long keys, BatchTimings timings) {
        rowsChanged += rows;
        keysScanned += keys;
        batches++;
        boundNanos += timings.bound();
        changeNanos += timings.change();
        checkpointNanos += timings.checkpoint();
        commitNanos += timings.commit();
        longestBatchNanos = Math.max(longestBatchNanos, timings.total());
    }

    void retried() {
        retries++;
    }

    long rowsChanged() {
        return rowsChanged;
    }

    long keysScanned() {
        return keysScanned;
    }

    long batches() {
        return batches;
    }

    long retries() {
        return retries;
    }

    /** The run's start, as {@link System#nanoTime()}: the rows-per-second cap counts from it. */
    long startNanos() {
        return runStart;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - runStart);
    }

    /** Keys walked per second in this run so far. */
    double keysPerSecond() {
        double seconds = (System.nanoTime() - runStart) / 1e9;
        return seconds > 0 ? keysScanned / seconds : 0;
    }

    Duration longestBatch() {
        return Duration.ofNanos(longestBatchNanos);
    }

    Duration boundTime() {
        return Duration.ofNanos(boundNanos);
    }

    Duration changeTime() {
        return Duration.ofNanos(changeNanos);
    }

    Duration checkpointTime() {
        return Duration.ofNanos(checkpointNanos);
    }

    Duration commitTime() {
        return Duration.ofNanos(commitNanos);
    }

    BackfillResult result(String id, List<String> resumedFrom, boolean alreadyDone, boolean verified) {
        return new BackfillResult(id, rowsChanged, keysScanned, batches, retries, elapsed(), longestBatch(),
                resumedFrom == null ? null : KeyColumns.displayValue(resumedFrom), alreadyDone, verified);
    }

    /**
     * The phases of one committed batch, in nanoseconds.
     *
     * @param total      the whole batch, from its settings to its commit (how long its row locks were held, at most)
     * @param bound      the query for the batch's upper key
     * @param change     the UPDATE / DELETE
     * @param checkpoint the checkpoint write
     * @param commit     the commit
     */
    record BatchTimings(long total, long bound, long change, long checkpoint, long commit) {
    }
}
