/**
 * Lock-safe execution: {@link dev.zdm.core.lock.LockPolicy} (lock_timeout, retries, backoff) and
 * {@link dev.zdm.core.lock.LockRetry}, which names the sessions in the way when contention outlasts the policy
 * ({@link dev.zdm.core.lock.ContentionExhaustedException}).
 */
package dev.zdm.core.lock;
