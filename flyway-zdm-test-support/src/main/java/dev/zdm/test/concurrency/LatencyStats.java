package dev.zdm.test.concurrency;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** What a {@link SteadyWriter} saw: how many statements, how many failed, and their latencies. */
public final class LatencyStats {
    private final long[] sortedNanos;
    private final int errors;
    private final List<String> errorSamples;
    private final Duration elapsed;
    private final Duration longestLockWait;

    LatencyStats(long[] nanos, int errors, List<String> errorSamples, Duration elapsed) {
        this(nanos, errors, errorSamples, elapsed, Duration.ZERO);
    }

    LatencyStats(long[] nanos, int errors, List<String> errorSamples, Duration elapsed, Duration longestLockWait) {
        this.sortedNanos = nanos.clone();
        Arrays.sort(this.sortedNanos);
        this.errors = errors;
        this.errorSamples = List.copyOf(errorSamples);
        this.elapsed = elapsed;
        this.longestLockWait = longestLockWait;
    }

    /**
     * The longest time a writer connection waited for a lock, from pg_stat_activity samples. Unlike latency it does
     * not grow when the machine is merely busy: assert on it to prove who was (not) blocked.
     */
    public Duration longestLockWait() {
        return longestLockWait;
    }

    public int count() {
        return sortedNanos.length;
    }

    public int errors() {
        return errors;
    }

    /** Up to a few error messages, to say why statements failed. */
    public List<String> errorSamples() {
        return errorSamples;
    }

    public Duration elapsed() {
        return elapsed;
    }

    public Duration max() {
        return sortedNanos.length == 0 ? Duration.ZERO : Duration.ofNanos(sortedNanos[sortedNanos.length - 1]);
    }

    /** The latency below which {@code percent} of the statements completed (nearest-rank). */
    public Duration percentile(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be in (0, 100]: " + percent);
        }
        if (sortedNanos.length == 0) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sortedNanos.length);
        return Duration.ofNanos(sortedNanos[Math.max(0, rank - 1)]);
    }

    public Duration p50() {
        return percentile(50);
    }

    public Duration p99() {
        return percentile(99);
    }

    /** Statements that took longer than {@code threshold}. */
    public int countOver(Duration threshold) {
        long limit = threshold.toNanos();
        return (int) Arrays.stream(sortedNanos).filter(n -> n > limit).count();
    }

    @Override
    public String toString() {
        return String.format("%d statements in %d ms, %d errors, p50 %.1f ms, p99 %.1f ms, max %.1f ms, longest lock wait %d ms",
                count(), elapsed.toMillis(), errors, millis(p50()), millis(p99()), millis(max()), longestLockWait.toMillis());
    }

    public static double millis(Duration d) {
        return d.toNanos() / 1_000_000.0;
    }
}
