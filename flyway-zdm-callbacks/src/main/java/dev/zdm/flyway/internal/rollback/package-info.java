/**
 * {@code zdm:rollback} ({@code ZdmCommands.rollback}): undoes the applied migrations newer than the newest contract
 * migration, newest first, under the deploy lock and Flyway's own history lock. {@link
 * dev.zdm.flyway.internal.rollback.RollbackCandidates} picks them from Flyway's {@code info()};
 * {@link dev.zdm.flyway.internal.rollback.RollbackSource} finds how each is undone (its {@code -- zdm:rollback}
 * section, a sibling {@code U<version>__*.sql} file; operation migrations can add theirs);
 * {@link dev.zdm.flyway.internal.rollback.RollbackCommand} refuses before touching anything when one has none, then
 * runs each with the core {@code RollbackRunner} and deletes its history row in the rollback's last transaction.
 * Not part of the public API; may change without notice.
 */
package dev.zdm.flyway.internal.rollback;
