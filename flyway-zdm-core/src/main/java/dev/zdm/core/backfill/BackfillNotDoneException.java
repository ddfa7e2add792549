package dev.zdm.core.backfill;

import dev.zdm.core.ZdmErrorCode;

/**
 * A migration needs a background backfill job that is not done and verified yet ({@code -- zdm:require-backfill <id>},
 * {@link BackfillJobs#requireDone}). The message names the job, its progress and how to finish it. Nothing was applied.
 */
public final class BackfillNotDoneException extends BackfillException {
    private final String backfillId;

    BackfillNotDoneException(String backfillId, String message) {
        super(message);
        this.backfillId = backfillId;
    }

    public String backfillId() {
        return backfillId;
    }

    @Override
    public ZdmErrorCode code() {
        return ZdmErrorCode.BACKFILL_NOT_DONE;
    }
}
