/**
 * The phase of a Java migration: {@code @ZdmPhase} on its class, or {@code expand} for an operation migration (its
 * contract steps wait for {@code zdm:contract}). The annotation is read by name, so that this package never references
 * the public {@code dev.zdm.flyway} package.
 *
 * <p><b>Not part of the public API; may change without notice.</b>
 */
package dev.zdm.flyway.internal.phase;
