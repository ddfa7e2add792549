package dev.zdm.core.backfill;

import java.time.Duration;

/**
 * The number of keys the next batch takes. Fixed when the user set a batch size; otherwise adapted so a
 * batch takes about the target duration: the time per key is averaged over recent batches and the next size
 * is {@code target / timePerKey}, moving at most 4x up or down per batch (one odd batch must not swing it)
 * and kept within the bounds.
 */
final class BatchSizer {
    private static final int FIRST_ADAPTIVE_SIZE = 1000;
    private static final double MAX_STEP = 4.0;

    private final boolean adaptive;
    private final double targetNanos;
    private final int min;
    private final int max;
    private final int configured;
    private int size;
    private double nanosPerKey = -1;

    private BatchSizer(boolean adaptive, Duration target, int min, int max, int initial) {
        this.adaptive = adaptive;
        this.targetNanos = target.toNanos();
        this.min = min;
        this.max = max;
        this.size = initial;
        this.configured = initial;
    }

    static BatchSizer fixed(int size) {
        return new BatchSizer(false, Duration.ofSeconds(1), 1, size, size);
    }

    static BatchSizer adaptive(Duration target, int min, int max) {
        return new BatchSizer(true, target, min, max, Math.max(min, Math.min(max, FIRST_ADAPTIVE_SIZE)));
    }

    int size() {
        return size;
    }

    boolean isAdaptive() {
        return adaptive;
    }

    /** A batch of {@code keys} keys took {@code elapsed}. A fixed size halved by {@link #halve()} grows back. */
    void record(long keys, Duration elapsed) {
        if (!adaptive) {
            size = (int) Math.min(configured, size * 2L);
            return;
        }
        if (keys <= 0) {
            return;
        }
        double observed = Math.max(1, elapsed.toNanos()) / (double) keys;
        nanosPerKey = nanosPerKey < 0 ? observed : 0.5 * nanosPerKey + 0.5 * observed;
        double next = targetNanos / nanosPerKey;
        next = Math.max(size / MAX_STEP, Math.min(size * MAX_STEP, next));
        size = (int) Math.max(min, Math.min(max, Math.round(next)));
    }

    /** After a batch hit a timeout: try again with half as many keys (a fixed size too: the batch must get through). */
    void halve() {
        int floor = adaptive ? min : 1;
        size = Math.max(floor, size / 2);
        if (nanosPerKey > 0) {
            nanosPerKey *= 2;
        }
    }

    /** Never more than {@code cap} keys per batch (a rows-per-second cap of one second's worth). */
    void cap(long cap) {
        if (cap > 0 && size > cap) {
            size = (int) Math.max(1, cap);
        }
    }
}
