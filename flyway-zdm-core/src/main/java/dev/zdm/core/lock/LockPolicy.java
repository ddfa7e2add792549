package dev.zdm.core.lock;

import dev.zdm.core.text.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * How long a migration may wait for a lock, and how it retries.
 *
 * <p>The lock timeout is the longest any other query on the table can be stalled behind the migration in
 * the lock queue. Between attempts the waiting time grows exponentially with full jitter (a random wait
 * between zero and the exponential bound, as pgroll and AWS's backoff advice do), so that several
 * deployers do not retry in step. Optionally the lock timeout itself escalates per attempt up to
 * {@code lockTimeoutMax}, as GitLab's {@code with_lock_retries} does, for tables that are never quiet for long.
 *
 * @param lockTimeout      lock_timeout of the first attempt
 * @param lockTimeoutMax   ceiling of the escalated lock_timeout (equal to lockTimeout: no escalation)
 * @param maxAttempts      attempts in total, the first included
 * @param maxTotalWait     stop retrying when this much time has passed since the first attempt
 * @param backoffBase      upper bound of the first pause; doubles per retry
 * @param backoffMax       upper bound of any pause
 * @param statementTimeout statement_timeout for DDL statements, or null for none
 */
public record LockPolicy(Duration lockTimeout, Duration lockTimeoutMax, int maxAttempts, Duration maxTotalWait,
                         Duration backoffBase, Duration backoffMax, Duration statementTimeout) {

    public LockPolicy {
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(maxTotalWait, "maxTotalWait");
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("lockTimeout must be positive");
        }
        if (lockTimeoutMax == null || lockTimeoutMax.compareTo(lockTimeout) < 0) {
            lockTimeoutMax = lockTimeout;
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        backoffBase = backoffBase == null ? Duration.ofMillis(100) : backoffBase;
        backoffMax = backoffMax == null ? Duration.ofSeconds(10) : backoffMax;
    }

    /** The lock_timeout of attempt {@code attempt} (1-based): doubling from lockTimeout up to lockTimeoutMax. */
    public Duration lockTimeoutFor(int attempt) {
        long millis = lockTimeout.toMillis();
        for (int i = 1; i < attempt && millis < lockTimeoutMax.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, lockTimeoutMax.toMillis()));
    }

    /**
     * A random pause before attempt {@code attempt + 1}: uniform between the lock timeout of the attempt that just
     * failed and min(backoffMax, backoffBase * 2^(attempt-1)), whichever is larger.
     */
    public Duration pauseAfter(int attempt) {
        return pauseAfter(attempt, ThreadLocalRandom.current());
    }

    /**
     * {@link #pauseAfter(int)} with the random source given. Why the floor: while an attempt waits in the lock
     * queue, the application's queries on the table queue behind it for up to its lock timeout; when it gives up
     * they need about as long to drain. Full jitter alone can draw a pause of 0 ms, and the next attempt then
     * queues in front of them again (measured: a writer waited 469 ms behind a 200 ms lock timeout, two attempts
     * back to back). A pause of at least the lock timeout bounds the table's time behind the migration to about
     * half of any stretch of retries.
     */
    public Duration pauseAfter(int attempt, RandomGenerator random) {
        return Backoff.delay(backoffBase, backoffMax, attempt, lockTimeoutFor(attempt), random);
    }

    /** One line for logs: {@code lock_timeout 200ms (up to 2s), 30 attempts within 5m}. */
    public String describe() {
        String escalation = lockTimeoutMax.equals(lockTimeout) ? "" : " (escalating to " + Durations.format(lockTimeoutMax) + ")";
        return "lock_timeout " + Durations.format(lockTimeout) + escalation + ", up to " + maxAttempts + " attempts within "
                + Durations.format(maxTotalWait);
    }
}
