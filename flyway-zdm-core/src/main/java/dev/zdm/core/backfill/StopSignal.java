package dev.zdm.core.backfill;

/** Asked between two batches of a background job: true stops the walk there (the job stays running for any runner). */
@FunctionalInterface
public interface StopSignal {
    /** Never stops. */
    StopSignal NEVER = () -> false;

    boolean stopRequested();
}
