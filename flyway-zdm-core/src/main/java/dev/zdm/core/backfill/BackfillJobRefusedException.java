package dev.zdm.core.backfill;

import dev.zdm.core.ZdmErrorCode;

/** An operator's pause, resume, cancel or retry that does not apply to the job (unknown id, not a background job, its state). */
public final class BackfillJobRefusedException extends BackfillException {
    BackfillJobRefusedException(String message) {
        super(message);
    }

    @Override
    public ZdmErrorCode code() {
        return ZdmErrorCode.BACKFILL_JOB_REFUSED;
    }
}
