package dev.zdm.flyway.internal.verify;

/**
 * How {@code zdm:verify} judges query times (ZDV08, {@link QueryTimeCheck}).
 *
 * @param slowdownFactor a query on a touched table fails when its mean time since the snapshot is at least this many
 *                       times its mean before (greater than 1)
 * @param slowdownFloorMs ... and at least this many milliseconds above it, so that 0.01 ms becoming 0.05 ms is not
 *                       reported (0 or more)
 * @param minCalls       calls since the snapshot below which a query's mean is not judged (1 or more)
 */
public record VerifyOptions(double slowdownFactor, double slowdownFloorMs, long minCalls) {
    public static final double DEFAULT_FACTOR = 2.0;
    public static final double DEFAULT_FLOOR_MS = 1.0;
    public static final long DEFAULT_MIN_CALLS = 10;

    public VerifyOptions {
        if (!(slowdownFactor > 1) || Double.isInfinite(slowdownFactor)) {
            throw new IllegalArgumentException("slowdownFactor must be a number above 1, such as 2, not " + slowdownFactor);
        }
        if (!(slowdownFloorMs >= 0) || Double.isInfinite(slowdownFloorMs)) {
            throw new IllegalArgumentException("slowdownFloorMs must be 0 or more milliseconds, not " + slowdownFloorMs);
        }
        if (minCalls < 1) {
            throw new IllegalArgumentException("minCalls must be 1 or more, not " + minCalls);
        }
    }

    /** Twice as slow and at least 1 ms slower, over at least 10 calls. */
    public static VerifyOptions defaults() {
        return new VerifyOptions(DEFAULT_FACTOR, DEFAULT_FLOOR_MS, DEFAULT_MIN_CALLS);
    }

    public VerifyOptions withSlowdownFactor(double factor) {
        return new VerifyOptions(factor, slowdownFloorMs, minCalls);
    }

    public VerifyOptions withSlowdownFloorMs(double floorMs) {
        return new VerifyOptions(slowdownFactor, floorMs, minCalls);
    }

    public VerifyOptions withMinCalls(long calls) {
        return new VerifyOptions(slowdownFactor, slowdownFloorMs, calls);
    }
}
