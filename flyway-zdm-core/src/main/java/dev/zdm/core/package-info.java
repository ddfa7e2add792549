/**
 * flyway-zdm's engine, free of Flyway types: safe DDL ({@code ddl}), batched backfills ({@code backfill}), the
 * lock-safe retry ({@code lock}), the linter ({@code lint}) and its reports ({@code report}). This package holds
 * the root every flyway-zdm exception shares: {@link dev.zdm.core.ZdmError} with its stable {@link dev.zdm.core.ZdmErrorCode}.
 */
package dev.zdm.core;
