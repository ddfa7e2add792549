/**
 * Operation migrations ({@code dev.zdm.flyway.ZdmOperationsMigration}): applying one when Flyway runs it
 * ({@link dev.zdm.flyway.internal.operations.AppliedOperations}: every step on a fresh history, else the expand steps
 * and a {@code waiting} contract in {@code zdm_phase_state}), and the contract steps and undos that wait
 * ({@link dev.zdm.flyway.internal.operations.WaitingOperations}), for {@code zdm:contract}, {@code zdm:rollback} and
 * {@code zdm:status}. The public class is seen only through {@link dev.zdm.flyway.internal.operations.OperationsDeclaration}.
 *
 * <p><b>Not part of the public API; may change without notice.</b>
 */
package dev.zdm.flyway.internal.operations;
