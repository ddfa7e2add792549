package dev.zdm.samples.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The latency of every workload operation and the errors, per window (one window per demo step). Thread-safe; a few
 * thousand operations per second is all it needs to hold.
 */
final class LatencyRecorder {
    private long[] nanos = new long[4096];
    private int count;
    private int errors;
    private final List<String> errorSamples = new ArrayList<>();
    private long windowStart = System.nanoTime();

    synchronized void record(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    /** A failed operation: its time counts as latency too (a client waited that long for the error). */
    synchronized void error(long latencyNanos, String what) {
        record(latencyNanos);
        errors++;
        if (errorSamples.size() < 3 && errorSamples.stream().noneMatch(what::equals)) {
            errorSamples.add(what);
        }
    }

    /** What the current window saw so far. */
    synchronized LatencySnapshot peek() {
        return LatencySnapshot.of(Arrays.copyOf(nanos, count), errors, errorSamples, System.nanoTime() - windowStart);
    }

    /** What the current window saw; starts the next one. */
    synchronized LatencySnapshot next() {
        LatencySnapshot snapshot = peek();
        count = 0;
        errors = 0;
        errorSamples.clear();
        windowStart = System.nanoTime();
        return snapshot;
    }
}
