/**
 * flyway-zdm for Flyway: put the jar next to Flyway and {@code migrate} runs lock-safe, gated by the linter.
 * Application code uses {@link dev.zdm.flyway.Zdm} (safe DDL in Java migrations),
 * {@link dev.zdm.flyway.BatchedBackfillMigration} and {@link dev.zdm.flyway.ZdmJavaMigration}; settings are the
 * {@code flyway.zdm.*} keys of {@link dev.zdm.flyway.ZdmConfigurationExtension} (docs/configuration.md). The
 * exceptions to catch are in {@code dev.zdm.flyway.api}.
 */
package dev.zdm.flyway;
