/**
 * Contract migrations held back until the old application is gone: which pending migration is a contract
 * ({@link dev.zdm.flyway.internal.contract.PendingPhases}), whether drain evidence lets it run
 * ({@link dev.zdm.flyway.internal.contract.ContractHold}), how plain {@code migrate} stops before it
 * ({@link dev.zdm.flyway.internal.contract.TargetOverride}), and the record of every phase that ran
 * ({@link dev.zdm.flyway.internal.contract.ContractCallback}). Not part of the public API; may change without notice.
 */
package dev.zdm.flyway.internal.contract;
