/**
 * The {@code zdm:} Maven goals. The goals and their parameters are the interface (docs/configuration.md); the
 * classes are not a Java API.
 *
 * <p><b>Not part of the public API; may change without notice.</b>
 */
package dev.zdm.maven;
