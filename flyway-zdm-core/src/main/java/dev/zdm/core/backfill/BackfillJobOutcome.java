package dev.zdm.core.backfill;

/**
 * What a runner did with one background job.
 *
 * @param backfillId the job
 * @param outcome    how its run ended
 * @param message    the failure or stop message, or null when done
 * @param result     the run's counts when it finished, or null
 */
public record BackfillJobOutcome(String backfillId, Outcome outcome, String message, BackfillResult result) {

    /** How a runner's run of a job ended. */
    public enum Outcome {
        /** Walked to the end and verified. */
        DONE,
        /** Stopped by an error (state failed or incomplete); an operator's retry queues it again. */
        FAILED,
        /** Paused or cancelled by the operator, or left running because the runner was stopping. */
        STOPPED
    }
}
