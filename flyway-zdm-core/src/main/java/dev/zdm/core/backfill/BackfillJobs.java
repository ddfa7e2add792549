package dev.zdm.core.backfill;

import dev.zdm.core.lock.SessionInfo;
import dev.zdm.core.lock.Sessions;
import dev.zdm.core.state.ExtensionState;
import dev.zdm.core.state.StateIds;
import dev.zdm.core.state.StateLocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Background backfill jobs in {@code zdm_backfill_progress}: read them with their runner and rate, control them as the
 * operator (pause, resume, cancel, retry: honoured by the runner between two batches), and require one to be done.
 * Every method takes a connection in autocommit mode; a control's id may also be the script of a migration that has one backfill. Reads need no upgrade of the tables (an older layout has no
 * background jobs); the controls upgrade them first.
 */
public final class BackfillJobs {
    /** A job's run lock: the session that holds it runs the job ({@link RunLock}). */
    private static final String RUNNER_PID = "(SELECT l.pid FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted"
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " AND l.classid = " + StateLocks.BACKFILL_RUN + "::bigint::oid AND l.objid = (hashtext(p.backfill_id)::bigint & 4294967295)::oid"
            + " AND l.objsubid = 2 LIMIT 1)";
    private static final String ESTIMATE = "(SELECT c.reltuples::bigint FROM pg_class c WHERE c.oid = to_regclass(p.target_table))";

    private BackfillJobs() {
    }

    /** Every backfill (background or not) in {@code schema}, oldest first; empty when the table does not exist. */
    public static List<BackfillJob> all(Connection connection, String schema) throws SQLException {
        return read(connection, schema, null);
    }

    /** The backfill {@code id}, if recorded. */
    public static Optional<BackfillJob> find(Connection connection, String schema, String id) throws SQLException {
        return read(connection, schema, id).stream().findFirst();
    }

    /**
     * Refuses unless the job {@code id} is done (walked, and verified when it has a predicate): for a migration that needs
     * the backfilled data, such as a contract step that sets the column NOT NULL or drops the old one. {@code id} is a job's
     * id or the script of the migration that declared it (then all of that migration's jobs).
     *
     * @throws BackfillNotDoneException naming the job, its progress and how to finish it
     */
    public static void requireDone(Connection connection, String schema, String id, String neededBy) throws SQLException {
        String who = neededBy == null ? "This migration" : neededBy;
        Optional<BackfillJob> exact = find(connection, schema, id);
        List<BackfillJob> jobs = exact.isPresent() ? List.of(exact.get()) : belongingTo(connection, schema, id);
        if (jobs.isEmpty()) {
            throw new BackfillNotDoneException(id, who + " requires backfill " + id + " to be done, but no backfill with that id (or of a"
                    + " migration with that script) is recorded in " + schema + "." + BackfillCheckpoints.TABLE + " (ids: " + ids(connection, schema)
                    + "). Nothing was applied. Apply the migration that declares it first, or correct the id.");
        }
        for (BackfillJob job : jobs) {
            if (!job.done()) {
                throw new BackfillNotDoneException(job.id(), who + " requires backfill " + job.id() + " to be done and verified; it is "
                        + job.progress() + ". Nothing was applied. Let the runners finish it (mvn zdm:backfill runs it to the end;"
                        + " mvn zdm:status shows its progress), then run migrate again." + stateAdvice(job));
            }
        }
    }

    /** The backfills of the migration {@code script} ({@link StateIds#belongsTo}): its Java class or its batched statements. */
    private static List<BackfillJob> belongingTo(Connection connection, String schema, String script) throws SQLException {
        return all(connection, schema).stream().filter(j -> StateIds.belongsTo(j.id(), script)).toList();
    }

    /** Asks the runner of {@code id} to pause it after its current batch; a job nobody runs is paused at once. */
    public static BackfillJob pause(Connection connection, String schema, String requestedId) throws SQLException {
        return forEachJob(connection, schema, requestedId, "pause", BackfillJobs::pauseOne);
    }

    private static BackfillJob pauseOne(Connection connection, String schema, BackfillJob job) throws SQLException {
        String id = job.id();
        switch (job.state()) {
            case PAUSED -> {
                return job;
            }
            case QUEUED, RUNNING -> {
                update(connection, schema, id, "requested = 'pause'");
                settleIfIdle(connection, schema, id, "state = 'paused', requested = NULL", "requested = 'pause'");
            }
            default -> throw refused(job, "pause", "only a queued or running job can be paused");
        }
        return find(connection, schema, id).orElseThrow();
    }

    /** Lets runners take a paused job again (and withdraws a pause not honoured yet). */
    public static BackfillJob resume(Connection connection, String schema, String requestedId) throws SQLException {
        return forEachJob(connection, schema, requestedId, "resume", BackfillJobs::resumeOne);
    }

    private static BackfillJob resumeOne(Connection connection, String schema, BackfillJob job) throws SQLException {
        String id = job.id();
        if (job.state() == BackfillCheckpoint.State.PAUSED) {
            update(connection, schema, id, "state = CASE WHEN batches = 0 THEN 'queued' ELSE 'running' END, requested = NULL");
        } else if ("pause".equals(job.requested())) {
            update(connection, schema, id, "requested = NULL");
        } else {
            throw refused(job, "resume", "only a paused job can be resumed");
        }
        return find(connection, schema, id).orElseThrow();
    }

    /** Asks the runner of {@code id} to stop it for good after its current batch; a job nobody runs is cancelled at once. */
    public static BackfillJob cancel(Connection connection, String schema, String requestedId) throws SQLException {
        return forEachJob(connection, schema, requestedId, "cancel", BackfillJobs::cancelOne);
    }

    private static BackfillJob cancelOne(Connection connection, String schema, BackfillJob job) throws SQLException {
        String id = job.id();
        switch (job.state()) {
            case CANCELLED -> {
                return job;
            }
            case DONE -> throw refused(job, "cancel", "a done job stays done");
            default -> {
                update(connection, schema, id, "requested = 'cancel'");
                settleIfIdle(connection, schema, id, "state = 'cancelled', requested = NULL", "requested = 'cancel'");
            }
        }
        return find(connection, schema, id).orElseThrow();
    }

    /**
     * Queues a failed, cancelled or incomplete job again: a failed or cancelled one continues after its last key, an
     * incomplete one (its walk left rows matching) starts a new pass over the whole table.
     */
    public static BackfillJob retry(Connection connection, String schema, String requestedId) throws SQLException {
        return forEachJob(connection, schema, requestedId, "retry", BackfillJobs::retryOne);
    }

    private static BackfillJob retryOne(Connection connection, String schema, BackfillJob job) throws SQLException {
        String id = job.id();
        switch (job.state()) {
            case FAILED, CANCELLED -> update(connection, schema, id, "state = CASE WHEN batches = 0 THEN 'queued' ELSE 'running' END,"
                    + " requested = NULL, last_error = NULL");
            case INCOMPLETE -> update(connection, schema, id, "state = 'running', requested = NULL, last_error = NULL, last_key = NULL,"
                    + " rows_scanned = 0, pass = pass + 1, started_at = clock_timestamp()");
            default -> throw refused(job, "retry", "only a failed, cancelled or incomplete job can be retried");
        }
        return find(connection, schema, id).orElseThrow();
    }

    /**
     * Removes the job {@code id} for good, whatever its state (the undo of the migration that recorded it): a runner working
     * on it is asked to stop after its current batch, and the row is deleted once no runner holds it (waiting up to
     * {@code wait}), so that nothing writes to the table for it afterwards and applying the migration again records it anew.
     *
     * @return false when no such job is recorded
     * @throws BackfillJobRefusedException a runner still holds it after {@code wait}, naming the runner
     */
    public static boolean forget(Connection connection, String schema, String id, Duration wait) throws SQLException {
        if (find(connection, schema, id).isEmpty()) {
            return false;
        }
        if (hasJobColumns(connection, schema)) {
            update(connection, schema, id, "requested = 'cancel'");
        }
        String holder = RunLock.acquire(connection, id, wait);
        if (holder != null) {
            throw new BackfillJobRefusedException("Cannot remove backfill " + id + ": " + holder + " still runs it after "
                    + dev.zdm.core.text.Durations.format(wait) + " (it was asked to stop after its current batch). Try again.");
        }
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + BackfillCheckpoints.table(schema) + " WHERE backfill_id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        } finally {
            RunLock.release(connection, id);
        }
        return true;
    }

    /** Ids of the background jobs a runner may take now: queued or running, oldest first. */
    static List<String> runnable(Connection connection, String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        if (!BackfillCheckpoints.exists(connection, schema) || !hasJobColumns(connection, schema)) {
            return out;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT backfill_id FROM " + BackfillCheckpoints.table(schema)
                + " WHERE background AND state IN ('queued', 'running') ORDER BY started_at, backfill_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static List<BackfillJob> read(Connection connection, String schema, String id) throws SQLException {
        List<BackfillJob> out = new ArrayList<>();
        if (!BackfillCheckpoints.exists(connection, schema)) {
            return out;
        }
        String jobColumns = hasJobColumns(connection, schema) ? "background, requested, runner" : "false, NULL::text, NULL::text";
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + BackfillCheckpoints.COLUMNS + ", " + jobColumns + ", "
                + RUNNER_PID + ", " + ESTIMATE + " FROM " + BackfillCheckpoints.table(schema) + " p"
                + (id == null ? "" : " WHERE backfill_id = ?") + " ORDER BY started_at, backfill_id")) {
            if (id != null) {
                ps.setString(1, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int pid = rs.getInt(19);
                    String active = rs.wasNull() ? null : runnerSession(connection, pid);
                    long estimate = rs.getLong(20);
                    if (rs.wasNull()) {
                        estimate = -1;
                    }
                    out.add(new BackfillJob(BackfillCheckpoints.read(rs), rs.getBoolean(16), rs.getString(17), rs.getString(18), active,
                            estimate));
                }
            }
        }
        return out;
    }

    private static String runnerSession(Connection connection, int pid) throws SQLException {
        SessionInfo session = Sessions.of(connection, pid);
        return session == null ? "pid " + pid : session.describe();
    }

    private static boolean hasJobColumns(Connection connection, String schema) throws SQLException {
        return ExtensionState.version(connection, schema).map(v -> v.schemaVersion() >= 5).orElse(false);
    }

    /** An operator's control of one job. */
    private interface Control {
        BackfillJob apply(Connection connection, String schema, BackfillJob job) throws SQLException;
    }

    /**
     * Applies {@code control} to the job {@code requestedId}, or to every job of the migration script (or partitioned job)
     * {@code requestedId}; with several, a job the control does not apply to is skipped (refused only when it applies to none).
     */
    private static BackfillJob forEachJob(Connection connection, String schema, String requestedId, String action, Control control)
            throws SQLException {
        List<BackfillJob> jobs = background(connection, schema, requestedId, action);
        if (jobs.size() == 1) {
            return control.apply(connection, schema, jobs.get(0));
        }
        BackfillJobRefusedException firstRefusal = null;
        BackfillJob last = null;
        for (BackfillJob job : jobs) {
            try {
                last = control.apply(connection, schema, job);
            } catch (BackfillJobRefusedException e) {
                firstRefusal = firstRefusal == null ? e : firstRefusal;
            }
        }
        if (last == null) {
            throw firstRefusal;
        }
        return last;
    }

    /** The jobs for an operator's control: the job {@code id}, else those belonging to it; all must be background jobs. */
    private static List<BackfillJob> background(Connection connection, String schema, String id, String action) throws SQLException {
        ExtensionState.ensure(connection, schema);
        Optional<BackfillJob> exact = find(connection, schema, id);
        List<BackfillJob> jobs = exact.isPresent() ? List.of(exact.get()) : belongingTo(connection, schema, id);
        if (jobs.isEmpty()) {
            throw new BackfillJobRefusedException("Cannot " + action + " backfill " + id + ": no backfill with that id (or of a migration"
                    + " with that script) is recorded in " + schema + "." + BackfillCheckpoints.TABLE + " (ids: " + ids(connection, schema) + ").");
        }
        for (BackfillJob job : jobs) {
            if (!job.background()) {
                throw refused(job, action, "it is not a background job: its migration runs it (run migrate again to continue it)");
            }
        }
        return jobs;
    }

    /**
     * When no runner holds the job's run lock, applies {@code settle} at once (under the lock, so that no runner takes the
     * job in between); a runner holding it honours the request between batches instead.
     */
    private static void settleIfIdle(Connection connection, String schema, String id, String settle, String stillRequested)
            throws SQLException {
        if (RunLock.acquire(connection, id, Duration.ZERO) != null) {
            return;
        }
        try {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE " + BackfillCheckpoints.table(schema) + " SET " + settle
                    + ", updated_at = clock_timestamp() WHERE backfill_id = ? AND " + stillRequested)) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
        } finally {
            RunLock.release(connection, id);
        }
    }

    private static void update(Connection connection, String schema, String id, String set) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + BackfillCheckpoints.table(schema) + " SET " + set
                + ", updated_at = clock_timestamp() WHERE backfill_id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    private static BackfillJobRefusedException refused(BackfillJob job, String action, String rule) {
        return new BackfillJobRefusedException("Cannot " + action + " backfill " + job.id() + ": " + rule + "; it is " + job.progress() + ".");
    }

    private static String stateAdvice(BackfillJob job) {
        return switch (job.state()) {
            case PAUSED -> " It is paused: resume it with mvn zdm:backfill -Dzdm.resume=" + job.id() + ".";
            case FAILED, CANCELLED, INCOMPLETE -> " It stopped: fix the cause, then mvn zdm:backfill -Dzdm.retry=" + job.id() + ".";
            default -> job.background() ? "" : " It is not a background job: its own migration finishes it when migrate runs again.";
        };
    }

    private static String ids(Connection connection, String schema) throws SQLException {
        List<String> ids = read(connection, schema, null).stream().map(BackfillJob::id).toList();
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }
}
