/**
 * Helpers of flyway-zdm's own tests for concurrent sessions.
 *
 * <p><b>Not part of the public API; may change without notice.</b>
 */
package dev.zdm.test.concurrency;
