package dev.zdm.core.backfill;

import java.time.Duration;

/**
 * What one run of a backfill did.
 *
 * @param backfillId        the checkpoint id
 * @param rowsChanged       rows updated or deleted by this run
 * @param keysScanned       keys walked by this run (with a non-unique key, the rows sharing a batch's upper key count once)
 * @param batches           batches committed by this run
 * @param retries           batch attempts that were rolled back and retried (lock timeout, deadlock, serialization
 *                          failure, statement timeout)
 * @param elapsed           wall-clock time of the run, verification included
 * @param longestBatch      the longest batch transaction: an upper bound of how long any row stayed locked
 * @param resumedFromKey    the key the run resumed after, or null when it started from the beginning
 * @param alreadyDone       the checkpoint said done and the verification found nothing left: nothing was run
 * @param remainingVerified true when the final count of rows still matching the predicate ran (and found none)
 */
public record BackfillResult(String backfillId, long rowsChanged, long keysScanned, long batches, long retries, Duration elapsed,
                             Duration longestBatch, String resumedFromKey, boolean alreadyDone, boolean remainingVerified) {
}
