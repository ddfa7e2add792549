/**
 * Drain evidence: whether the application instances that predate an expand are gone, so that a contract migration
 * (drops, renames, type changes: {@code -- zdm:phase=contract}) may run.
 * {@link dev.zdm.core.phase.drain.DrainEvidence#evaluate} reads four sources and returns a
 * {@link dev.zdm.core.phase.drain.DrainVerdict}:
 * <ul>
 *   <li>{@code sessions}: sessions in {@code pg_stat_activity} whose {@code application_name} matches the old
 *       application's patterns ({@link dev.zdm.core.phase.drain.DrainPolicy});</li>
 *   <li>{@code statements}: new calls, since a baseline, of {@code pg_stat_statements} queries that name a removed object
 *       ({@link dev.zdm.core.phase.drain.StatementActivity}, {@link dev.zdm.core.phase.drain.RemovedObjects});</li>
 *   <li>{@code soak}: the minimum time since the expand finished;</li>
 *   <li>{@code confirmation}: the operator's {@code -Dzdm.confirmDrained=<version>}.</li>
 * </ul>
 * The rule: drained when no source speaks against it and the soak or the confirmation holds. Free of Flyway types.
 */
package dev.zdm.core.phase.drain;
