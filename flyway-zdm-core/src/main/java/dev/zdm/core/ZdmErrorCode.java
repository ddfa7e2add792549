package dev.zdm.core;

/**
 * The stable code of every failure flyway-zdm reports through its own exceptions (modelled on Flyway's
 * {@code ErrorCode}). Catch {@link ZdmError} and switch on {@link ZdmError#code()} instead of parsing messages:
 * messages get better over time, codes do not change. docs/errors.md lists them.
 */
public enum ZdmErrorCode {
    /** A {@code flyway.zdm.*} setting is unknown or has a value flyway-zdm refuses. Nothing was applied. */
    CONFIGURATION_INVALID,
    /** The migrate-time lint gate refused to start {@code migrate}. Nothing was applied. */
    LINT_GATE_REFUSED,
    /** A migration failed; the message says what, where, who was in the way and what to do next. */
    MIGRATION_FAILED,
    /** Every attempt the lock policy allowed met a lock timeout, deadlock or serialization failure. */
    LOCK_CONTENTION_EXHAUSTED,
    /** A migration statement ran longer than {@code flyway.zdm.statementTimeout} and was cancelled. */
    STATEMENT_TIMEOUT,
    /** A safe DDL operation ({@code dev.zdm.core.ddl}) could not finish. */
    DDL_FAILED,
    /** A batched backfill could not start, stopped, or left rows behind; its checkpoint keeps the progress. */
    BACKFILL_FAILED,
    /** A backfill's definition is wrong: running it again unchanged fails the same way. */
    BACKFILL_DEFINITION_INVALID,
    /**
     * flyway-zdm's own tables ({@code zdm_*}) are in a layout this version cannot use (written by a newer flyway-zdm),
     * or upgrading them failed. Nothing was applied.
     */
    STATE_INCOMPATIBLE,
    /** Another deployer runs {@code zdm:expand}, {@code zdm:contract} or {@code zdm:rollback} on the same history. Nothing was applied. */
    DEPLOY_IN_PROGRESS,
    /** {@code zdm:contract} (or {@code migrate}) held a contract migration back: drain evidence does not hold yet. */
    CONTRACT_HELD,
    /** {@code zdm:rollback} cannot undo a migration (no rollback written for it) or failed half-way. */
    ROLLBACK_FAILED,
    /** A migration (or a Java call) needs a background backfill job that is not done yet; the message says how far it is. */
    BACKFILL_NOT_DONE,
    /** An operator's pause, resume, cancel or retry of a background backfill job does not apply to the job's state. */
    BACKFILL_JOB_REFUSED
}
