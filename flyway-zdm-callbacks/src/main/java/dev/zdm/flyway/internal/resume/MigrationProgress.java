package dev.zdm.flyway.internal.resume;

import dev.zdm.core.state.StateIds;
import dev.zdm.flyway.api.ZdmMigrationException;
import dev.zdm.flyway.internal.resume.StatementProgress.Recorded;
import dev.zdm.flyway.internal.resume.StatementProgress.State;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resume decisions for the statements of one running non-transactional SQL migration, in the order Flyway
 * executes them. An earlier run that did not finish left a prefix of applied statements in {@link StatementProgress};
 * each statement of this run is matched to it by ordinal and fingerprint:
 * <ul>
 *   <li>same ordinal, same fingerprint, applied: skipped;</li>
 *   <li>same ordinal, same fingerprint, begun (a batched backfill): continued from its checkpoint;</li>
 *   <li>same ordinal, other fingerprint: the applied part was edited. Nothing runs: the migration is refused with what
 *       was applied and what changed, unless {@code flyway.zdm.resumeEdited=rerun} accepts running the edited
 *       statement and the ones after it again;</li>
 *   <li>nothing recorded: run (a migration fixed on its failing statement continues there).</li>
 * </ul>
 * Because the recorded statements are a prefix, an edit is always met before any statement runs.
 */
public final class MigrationProgress {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationProgress.class.getPackageName());

    /** What to do with a statement. */
    public enum Decision {
        /** Applied by an earlier run: do not run it. */
        SKIP,
        /** Begun by an earlier run and resumable (a batched backfill's checkpoint): run it, it continues. */
        CONTINUE,
        /** Not applied yet: run it. */
        RUN
    }

    /** One statement of the migration, identified for the bookkeeping. */
    public record Step(int ordinal, String fingerprint, int line, String summary, Decision decision, int occurrence) {
        /**
         * The id of this statement's backfill checkpoint: the script and the fingerprint (plus the occurrence when the
         * same statement appears more than once), so that moving the statement or inserting another above it keeps
         * its checkpoint, and editing it does not inherit another statement's.
         */
        public String checkpointId(String script) {
            return StateIds.statement(script, fingerprint, occurrence);
        }
    }

    private final StatementProgress table;
    private final String script;
    private final boolean rerunEdited;
    private final Map<Integer, Recorded> recorded;
    private final Map<String, Integer> occurrences = new HashMap<>();
    private final boolean resuming;
    private int ordinal;

    private MigrationProgress(StatementProgress table, String script, boolean rerunEdited, Map<Integer, Recorded> recorded) {
        this.table = table;
        this.script = script;
        this.rerunEdited = rerunEdited;
        this.recorded = recorded;
        this.resuming = !recorded.isEmpty();
    }

    /** Reads what earlier runs of {@code script} recorded and marks this run as started. */
    public static MigrationProgress start(StatementProgress table, String script, boolean rerunEdited) throws SQLException {
        Map<Integer, Recorded> recorded = table.recorded(script);
        MigrationProgress progress = new MigrationProgress(table, script, rerunEdited, recorded);
        if (recorded.isEmpty()) {
            table.start(script);
        } else {
            LOG.info("flyway-zdm: {} was started by an earlier run that did not finish; {} statement(s) it applied are skipped if "
                    + "unchanged", script, recorded.values().stream().filter(r -> r.state() == State.DONE).count());
        }
        return progress;
    }

    /** Whether an earlier run of this migration started and did not finish. */
    public boolean resuming() {
        return resuming;
    }

    /** The next statement Flyway executes: its identity and what to do with it. */
    public Step next(String fingerprint, int line, String summary) throws SQLException {
        ordinal++;
        int occurrence = occurrences.merge(fingerprint, 1, Integer::sum);
        Recorded earlier = recorded.get(ordinal);
        if (earlier == null) {
            return new Step(ordinal, fingerprint, line, summary, Decision.RUN, occurrence);
        }
        if (!earlier.fingerprint().equals(fingerprint)) {
            if (!rerunEdited) {
                throw edited(earlier, line, summary);
            }
            LOG.warn("flyway-zdm: {}: statement {} (line {}) was applied by an earlier run as \"{}\" and now reads \"{}\"; "
                    + "flyway.zdm.resumeEdited=rerun: it and every statement after it run again", script, ordinal, line,
                    earlier.statement(), summary);
            table.forgetFrom(script, ordinal);
            recorded.keySet().removeIf(k -> k >= ordinal);
            return new Step(ordinal, fingerprint, line, summary, Decision.RUN, occurrence);
        }
        Decision decision = earlier.state() == State.DONE ? Decision.SKIP : Decision.CONTINUE;
        return new Step(ordinal, fingerprint, line, summary, decision, occurrence);
    }

    /** Records in its own transaction that {@code step} was begun (a batched backfill that commits batch by batch). */
    public void begun(Step step) throws SQLException {
        table.recordAlone(script, step.ordinal(), step.fingerprint(), State.RUNNING, step.line(), step.summary());
    }

    /** Records in its own transaction that {@code step} is applied (for statements that cannot run in a transaction). */
    public void applied(Step step) throws SQLException {
        table.recordAlone(script, step.ordinal(), step.fingerprint(), State.DONE, step.line(), step.summary());
    }

    /** Records {@code steps} as applied in the transaction that ran them, and commits that transaction. */
    public void appliedAndCommit(java.util.List<Step> steps) throws SQLException {
        table.recordAndCommit(script, steps);
    }

    /**
     * The migration ran to its end: warns about statements an earlier run applied that the script no longer has (they
     * were deleted from its end after that run; what they did stays in the database).
     */
    public void ended() {
        String removed = recorded.values().stream().filter(r -> r.ordinal() > ordinal && r.state() != State.STARTED)
                .map(r -> "statement " + r.ordinal() + " (line " + r.line() + "): " + r.statement()).collect(Collectors.joining("; "));
        if (!removed.isEmpty()) {
            LOG.warn("flyway-zdm: {}: an earlier run that did not finish applied statements that are no longer in the script: {}. "
                    + "Their effect stays in the database; undo it with a new migration if it was not wanted.", script, removed);
        }
    }

    private ZdmMigrationException edited(Recorded earlier, int line, String summary) {
        String applied = recorded.values().stream().filter(r -> r.state() != State.STARTED)
                .map(r -> "  " + r.ordinal() + ". line " + r.line() + " (" + (r.state() == State.DONE ? "applied" : "begun, not finished")
                        + " " + r.doneAt() + "): " + r.statement())
                .collect(Collectors.joining("\n"));
        return new ZdmMigrationException("Migration " + script + ", line " + line + ": an earlier run of this migration did not finish "
                + "and applied part of it, and that part has been edited since. Statement " + earlier.ordinal() + " was "
                + (earlier.state() == State.DONE ? "applied" : "begun") + " as\n    " + earlier.statement() + "\n(line " + earlier.line()
                + ") and now reads\n    " + summary + "\nStatements the earlier run recorded:\n" + applied
                + "\nNothing of this migration was run now. What to do: revert the edit of the statements listed above (statements after "
                + "them may be changed freely; a migration fixed on the statement that failed continues there); or, to run the edited "
                + "statement and every statement after it again, migrate once with flyway.zdm.resumeEdited=rerun.", null);
    }
}
