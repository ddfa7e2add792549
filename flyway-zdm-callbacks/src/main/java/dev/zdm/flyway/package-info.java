/**
 * flyway-zdm for Flyway: put the jar next to Flyway and {@code migrate} runs lock-safe, gated by the linter.
 * Application code uses {@link dev.zdm.flyway.Zdm} (safe DDL in Java migrations),
 * {@link dev.zdm.flyway.BatchedBackfillMigration}, {@link dev.zdm.flyway.ZdmJavaMigration},
 * {@link dev.zdm.flyway.ZdmOperationsMigration} (operations whose contract steps wait for {@code zdm:contract}) and
 * {@link dev.zdm.flyway.ZdmPhase} (the phase of a Java migration); settings are the
 * {@code flyway.zdm.*} keys of {@link dev.zdm.flyway.ZdmConfigurationExtension} (docs/configuration.md). The
 * exceptions to catch are in {@code dev.zdm.flyway.api}.
 */
package dev.zdm.flyway;
