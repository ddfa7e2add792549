package dev.zdm.core.ddl;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter (a random delay between 0 and min(max, base * 2^attempt)), so that
 * several deployers or retry loops hitting the same lock do not retry in step.
 */
final class Backoff {
    private Backoff() {
    }

    /** The delay before retry number {@code attempt} (1 for the first retry). */
    static Duration delay(Duration base, Duration max, int attempt) {
        long cap = ceiling(base, max, attempt);
        return Duration.ofMillis(cap == 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1));
    }

    /** The upper bound of {@link #delay}. */
    static long ceiling(Duration base, Duration max, int attempt) {
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long grown = base.toMillis() << shift;
        if (grown < 0 || (shift > 0 && grown >> shift != base.toMillis())) {
            grown = Long.MAX_VALUE;
        }
        return Math.min(grown, max.toMillis());
    }

    static void sleep(Duration d) throws DdlException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DdlException("interrupted while waiting to retry");
        }
    }
}
