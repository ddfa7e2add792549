/**
 * Small text helpers shared by flyway-zdm's modules: durations as users write them, did-you-mean suggestions.
 *
 * <p><b>Not part of the public API; may change without notice.</b>
 */
package dev.zdm.core.text;
