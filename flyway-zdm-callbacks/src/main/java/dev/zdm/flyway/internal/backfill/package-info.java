/**
 * Runs batched backfills inside Flyway migrations (Java and {@code -- zdm:batched} SQL).
 *
 * <p><b>Not part of the public API; may change without notice.</b>
 */
package dev.zdm.flyway.internal.backfill;
