package dev.zdm.core.lock;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (a random delay between 0 and min(max, base * 2^attempt)), so that
 * several deployers or retry loops hitting the same lock do not retry in step.
 */
public final class Backoff {
    private Backoff() {
    }

    /** The delay before retry number {@code attempt} (1 for the first retry). */
    public static Duration delay(Duration base, Duration max, int attempt) {
        return delay(base, max, attempt, Duration.ZERO, ThreadLocalRandom.current());
    }

    /**
     * The delay before retry number {@code attempt}, never below {@code floor}: uniform in
     * {@code [floor, max(floor, ceiling)]}, drawn from {@code random} (tests pass a fixed one).
     */
    public static Duration delay(Duration base, Duration max, int attempt, Duration floor, RandomGenerator random) {
        long low = floor.toMillis();
        long high = Math.max(low, ceiling(base, max, attempt));
        return Duration.ofMillis(high == low ? low : low + random.nextLong(high - low + 1));
    }

    /** The upper bound of {@link #delay}. */
    public static long ceiling(Duration base, Duration max, int attempt) {
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long grown = base.toMillis() << shift;
        if (grown < 0 || (shift > 0 && grown >> shift != base.toMillis())) {
            grown = Long.MAX_VALUE;
        }
        return Math.min(grown, max.toMillis());
    }

    /** Sleeps; an interrupt is kept on the thread and reported as {@link InterruptedException}. */
    public static void sleep(Duration d) throws InterruptedException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }
}
