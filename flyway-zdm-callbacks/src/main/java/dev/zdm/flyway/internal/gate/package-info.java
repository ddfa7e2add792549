/**
 * The migrate-time lint gate: lints pending migrations against the live database before {@code migrate} applies any.
 *
 * <p><b>Not part of the public API; may change without notice.</b>
 */
package dev.zdm.flyway.internal.gate;
