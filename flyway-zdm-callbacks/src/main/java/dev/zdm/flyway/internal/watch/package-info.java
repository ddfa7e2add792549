/**
 * {@code zdm:watch} and {@link dev.zdm.flyway.ZdmCommands#watch()}: while migrations run elsewhere, a snapshot per
 * tick of the sessions blocked on locks and who blocks them, the running backfills' progress, the index builds'
 * progress and the old or idle transactions holding locks on the tables the pending migrations touch; read on one
 * read-only connection that never waits for a lock, rendered as one compact text block per tick.
 *
 * <p><b>Not part of the public API; may change without notice.</b>
 */
package dev.zdm.flyway.internal.watch;
