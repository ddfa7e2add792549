package dev.zdm.samples.demo;

import java.util.Arrays;
import java.util.List;

/**
 * A window of workload operations: how many, their p50, p99 and max latency (milliseconds, nearest rank), the errors
 * and up to three distinct error messages.
 */
record LatencySnapshot(int operations, double p50Millis, double p99Millis, double maxMillis, int errors, List<String> errorSamples,
                       double seconds) {

    static LatencySnapshot of(long[] nanos, int errors, List<String> errorSamples, long elapsedNanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new LatencySnapshot(sorted.length, millis(percentile(sorted, 50)), millis(percentile(sorted, 99)),
                millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]), errors, List.copyOf(errorSamples), elapsedNanos / 1e9);
    }

    private static long percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    double operationsPerSecond() {
        return seconds <= 0 ? 0 : operations / seconds;
    }
}
