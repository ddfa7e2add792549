/**
 * Resume bookkeeping of non-transactional migrations: each statement applied exactly once across runs.
 *
 * <p><b>Not part of the public API; may change without notice.</b>
 */
package dev.zdm.flyway.internal.resume;
