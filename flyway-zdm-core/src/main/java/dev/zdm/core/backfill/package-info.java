/**
 * Batched backfills: {@link dev.zdm.core.backfill.Backfill} describes one, {@link dev.zdm.core.backfill.BackfillExecutor}
 * runs it in keyset batches with checkpoints, throttling and retries. Failures are
 * {@link dev.zdm.core.backfill.BackfillException}s.
 */
package dev.zdm.core.backfill;
