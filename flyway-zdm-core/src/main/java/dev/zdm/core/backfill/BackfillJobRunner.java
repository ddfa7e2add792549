package dev.zdm.core.backfill;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs background backfill jobs (recorded by {@link BackfillExecutor#enqueue}) from the database alone: each job's
 * specification is read from its row. Several runners (application replicas, a CLI) share the work safely: a runner
 * takes a job only while it holds the job's session advisory run lock ({@link RunLock}), so at most one batch stream runs
 * per job, and every batch moves the checkpoint in its own transaction guarded by the batch count, so no batch counts
 * twice. A runner that dies releases the lock with its session; the next runner continues after the last committed batch.
 *
 * <p>The connection must be in autocommit mode and is used by one thread at a time.
 */
public final class BackfillJobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BackfillJobRunner.class.getPackageName());

    private final Connection connection;
    private final String schema;
    private final BackfillDefaults defaults;
    private final String runnerName;

    /**
     * @param runnerName shown by status as the job's runner; null: {@code pid@host} of this JVM
     */
    public BackfillJobRunner(Connection connection, String schema, BackfillDefaults defaults, String runnerName) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.defaults = Objects.requireNonNull(defaults, "defaults").withRunLockWait(Duration.ZERO);
        this.runnerName = runnerName == null ? ManagementFactory.getRuntimeMXBean().getName() : runnerName;
    }

    /**
     * Runs every job it can take, one after the other, until none is left that no other runner is running, or
     * {@code stop} says so (checked between batches and between jobs).
     */
    public List<BackfillJobOutcome> runAvailable(StopSignal stop) throws SQLException {
        List<BackfillJobOutcome> outcomes = new ArrayList<>();
        Set<String> tried = new HashSet<>();
        boolean ranOne = true;
        while (ranOne && !stop.stopRequested()) {
            ranOne = false;
            for (String id : BackfillJobs.runnable(connection, schema)) {
                if (stop.stopRequested()) {
                    break;
                }
                if (tried.contains(id)) {
                    continue;
                }
                BackfillJobOutcome outcome = runIfFree(id, stop);
                if (outcome != null) {
                    tried.add(id);
                    outcomes.add(outcome);
                    ranOne = true;
                }
            }
        }
        return outcomes;
    }

    /**
     * Runs jobs until none is queued or running: jobs that other runners hold are waited for, polling every {@code poll},
     * and taken over when their runner goes away. Returns early when {@code stop} says so.
     */
    public List<BackfillJobOutcome> runToEnd(StopSignal stop, Duration poll) throws SQLException {
        List<BackfillJobOutcome> outcomes = new ArrayList<>();
        while (!stop.stopRequested()) {
            outcomes.addAll(runAvailable(stop));
            List<String> left = BackfillJobs.runnable(connection, schema);
            if (left.isEmpty() || stop.stopRequested()) {
                break;
            }
            LOG.info("backfill runner {}: waiting for {} job(s) another runner is running: {}", runnerName, left.size(), String.join(", ", left));
            Throttle.sleep(poll);
        }
        return outcomes;
    }

    /** Runs {@code id} when its run lock is free and it is still runnable under the lock; null when another runner has it. */
    private BackfillJobOutcome runIfFree(String id, StopSignal stop) throws SQLException {
        if (RunLock.acquire(connection, id, Duration.ZERO) != null) {
            return null;
        }
        try {
            BackfillJob job = BackfillJobs.find(connection, schema, id).orElse(null);
            if (job == null || !job.background() || (job.state() != BackfillCheckpoint.State.QUEUED
                    && job.state() != BackfillCheckpoint.State.RUNNING)) {
                return null; // taken and finished (or paused) by another runner since the list was read
            }
            return run(job, stop);
        } finally {
            RunLock.release(connection, id);
        }
    }

    private BackfillJobOutcome run(BackfillJob job, StopSignal stop) throws SQLException {
        String id = job.id();
        CheckpointStore store = new CheckpointStore(connection, schema, id);
        store.claim(runnerName);
        Backfill backfill;
        try {
            String json = store.spec(id).orElseThrow(() -> new BackfillDefinitionException("background job " + id + " has no stored "
                    + "specification (column spec of " + schema + "." + BackfillCheckpoints.TABLE + "); apply its migration again"));
            backfill = Backfill.fromSpec(BackfillSpec.fromJson(json));
        } catch (BackfillException e) {
            store.recordFailure(job.checkpoint().targetTable(), job.checkpoint().statement(), e.getMessage());
            LOG.warn("backfill runner {}: job {} cannot be run: {}", runnerName, id, e.getMessage());
            return new BackfillJobOutcome(id, BackfillJobOutcome.Outcome.FAILED, e.getMessage(), null);
        }
        LOG.info("backfill runner {}: taking job {} ({})", runnerName, id, job.progress());
        try {
            BackfillResult result = new BackfillRun(connection, schema, id, backfill, defaults).stopWhen(stop).execute();
            return new BackfillJobOutcome(id, BackfillJobOutcome.Outcome.DONE, null, result);
        } catch (BackfillStoppedException e) {
            return new BackfillJobOutcome(id, BackfillJobOutcome.Outcome.STOPPED, e.getMessage(), null);
        } catch (BackfillException e) {
            LOG.warn("backfill runner {}: job {} failed: {}", runnerName, id, e.getMessage());
            return new BackfillJobOutcome(id, BackfillJobOutcome.Outcome.FAILED, e.getMessage(), null);
        }
    }
}
