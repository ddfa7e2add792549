package dev.zdm.core.backfill;

/**
 * A background backfill stopped between two batches without failing: paused or cancelled by the operator, or its runner
 * was asked to stop (application shutdown). The checkpoint already says so ({@link #state()}); nothing is recorded as a
 * failure, and every committed batch stays committed.
 */
public final class BackfillStoppedException extends BackfillException {
    private final BackfillCheckpoint.State state;

    BackfillStoppedException(String message, BackfillCheckpoint.State state) {
        super(message);
        this.state = state;
    }

    /** Where the job now stands: {@code PAUSED}, {@code CANCELLED}, or {@code RUNNING} (left for any runner). */
    public BackfillCheckpoint.State state() {
        return state;
    }
}
