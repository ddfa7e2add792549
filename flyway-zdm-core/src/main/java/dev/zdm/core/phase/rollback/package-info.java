/**
 * Rollback of an unfinished expand ({@code zdm:rollback}): the rollback SQL a migration carries in its
 * {@code -- zdm:rollback} section ({@link dev.zdm.core.phase.rollback.RollbackSection}) or in a sibling undo file
 * ({@link dev.zdm.core.phase.rollback.RollbackScript}), and the lock-safe runner
 * ({@link dev.zdm.core.phase.rollback.RollbackRunner}) that undoes one migration so that a kill at any point leaves a
 * state the next run finishes ({@link dev.zdm.core.phase.rollback.RollbackProgress}). Free of Flyway types: which
 * migrations to undo and how their history rows go is decided by {@code dev.zdm.flyway.internal.rollback}.
 */
package dev.zdm.core.phase.rollback;
