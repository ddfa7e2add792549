/**
 * What {@code zdm:status} and {@link dev.zdm.flyway.ZdmCommands#status()} report: migrations, the lint verdict of
 * pending ones with live table sizes, backfills, failed migrations that will resume, invalid indexes; as text or JSON.
 *
 * <p><b>Not part of the public API; may change without notice.</b>
 */
package dev.zdm.flyway.internal.status;
