/**
 * Safe DDL operations ({@link dev.zdm.core.ddl.SafeDdl}): concurrent index builds, constraints added NOT VALID
 * then validated, SET NOT NULL through a validated check, each idempotent against the catalog. Failures are
 * {@link dev.zdm.core.ddl.DdlException}s.
 */
package dev.zdm.core.ddl;
