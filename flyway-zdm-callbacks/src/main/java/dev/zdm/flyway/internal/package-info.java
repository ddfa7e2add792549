/**
 * flyway-zdm's Flyway plumbing: the lifecycle callback, the typed settings of a run, the migrate run state.
 * It never imports {@code dev.zdm.flyway} (PackageDependencyTest checks it).
 *
 * <p><b>Not part of the public API; may change without notice.</b>
 */
package dev.zdm.flyway.internal;
