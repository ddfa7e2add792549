package dev.zdm.core.backfill;

/**
 * A failure whose state is already in the checkpoint (or belongs to another session's run): the run passes it on
 * without recording it again.
 */
final class RecordedFailure extends BackfillException {
    RecordedFailure(String message) {
        super(message);
    }
}
