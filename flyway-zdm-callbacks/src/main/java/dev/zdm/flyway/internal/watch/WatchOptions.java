package dev.zdm.flyway.internal.watch;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Watch} ticks and when it stops.
 *
 * @param interval        time between two snapshots (at least 100ms)
 * @param duration        stop after this long; null to watch until interrupted or {@code ticks} are done
 * @param ticks           stop after this many snapshots; 0 for no limit
 * @param longTransaction a session holding a lock on a touched relation is reported when its transaction is at least
 *                        this old (idle-in-transaction sessions always)
 */
public record WatchOptions(Duration interval, Duration duration, int ticks, Duration longTransaction) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_LONG_TRANSACTION = Duration.ofSeconds(10);

    public WatchOptions {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(longTransaction, "longTransaction");
        if (interval.toMillis() < 100) {
            throw new IllegalArgumentException("the watch interval must be at least 100ms, not " + interval.toMillis() + "ms");
        }
        if (ticks < 0) {
            throw new IllegalArgumentException("the number of ticks must be 0 (no limit) or more, not " + ticks);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            duration = null;
        }
    }

    /** Every second, until interrupted; transactions reported from 10s. */
    public static WatchOptions defaults() {
        return new WatchOptions(DEFAULT_INTERVAL, null, 0, DEFAULT_LONG_TRANSACTION);
    }

    public WatchOptions withInterval(Duration value) {
        return new WatchOptions(value, duration, ticks, longTransaction);
    }

    public WatchOptions withDuration(Duration value) {
        return new WatchOptions(interval, value, ticks, longTransaction);
    }

    public WatchOptions withTicks(int value) {
        return new WatchOptions(interval, duration, value, longTransaction);
    }

    public WatchOptions withLongTransaction(Duration value) {
        return new WatchOptions(interval, duration, ticks, value);
    }
}
