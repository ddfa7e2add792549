package dev.zdm.core.lock;

import java.time.Duration;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * The one retry loop of flyway-zdm: run an attempt; on failure let the caller judge it (stop with its own error, or
 * go on), pause, run the next attempt. Callers differ only in the attempt, the judgement and what they report; the
 * counting, the time budget and the pause live here.
 * <pre>
 * Retry.Schedule schedule = Retry.Schedule.attempts(4, attempt -> Backoff.delay(base, max, attempt));
 * return Retry.run(schedule, attempt -> build(), (failure, f) -> {
 *     if (!retryable(failure) || f.last()) throw finalError(failure, f);
 *     log.warn("attempt {} of {} failed; retrying in {}", f.attempt(), f.maxAttempts(), Durations.format(f.pause()));
 * });
 * </pre>
 */
public final class Retry {
    private Retry() {
    }

    /** One attempt; {@code attempt} is 1-based. */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        T run(int attempt) throws E;
    }

    /**
     * The judgement of a failed attempt: throw (usually a better error than {@code failure}) to stop, return to retry
     * after {@link Failed#pause()}. Returning when {@link Failed#last()} is true rethrows {@code failure}.
     */
    @FunctionalInterface
    public interface Judge<E extends Exception> {
        void failed(E failure, Failed attempt) throws E;
    }

    /**
     * A failed attempt as the judge sees it.
     *
     * @param attempt     1-based number of the attempt that failed
     * @param maxAttempts the attempts allowed in all
     * @param elapsed     time since the first attempt started
     * @param pause       the pause before the next attempt, if there is one
     * @param last        true when no attempt follows (count or time budget used up)
     */
    public record Failed(int attempt, int maxAttempts, Duration elapsed, Duration pause, boolean last) {
    }

    /**
     * How many attempts, within how long, with which pauses.
     *
     * @param maxAttempts at least 1
     * @param maxTotal    no attempt starts after this much time (counted from the first; pauses included)
     * @param pauseAfter  the pause after failed attempt {@code n} (see {@link Backoff})
     */
    public record Schedule(int maxAttempts, Duration maxTotal, IntFunction<Duration> pauseAfter) {
        /** No time limit: the attempts alone bound the loop. */
        private static final Duration UNLIMITED = Duration.ofDays(365);

        public Schedule {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
            }
            Objects.requireNonNull(maxTotal, "maxTotal");
            Objects.requireNonNull(pauseAfter, "pauseAfter");
        }

        /** {@code maxAttempts} attempts, bounded by count only. */
        public static Schedule attempts(int maxAttempts, IntFunction<Duration> pauseAfter) {
            return new Schedule(maxAttempts, UNLIMITED, pauseAfter);
        }

        /** {@code 1 + retries} attempts with full-jitter exponential backoff between {@code base} and {@code max}. */
        public static Schedule retries(int retries, Duration base, Duration max) {
            return attempts(retries + 1, attempt -> Backoff.delay(base, max, attempt));
        }
    }

    /**
     * Runs {@code work} until it succeeds or {@code judge} stops it; the failure of the last attempt is rethrown when
     * the judge lets it through. An interrupt during a pause ends the loop with {@link IllegalStateException}, the
     * thread's interrupt flag kept.
     */
    public static <T, E extends Exception> T run(Schedule schedule, Attempt<T, E> work, Judge<E> judge) throws E {
        return run(schedule, work, judge, null);
    }

    /**
     * {@link #run(Schedule, Attempt, Judge)} where every failure that is a {@code judged} (runtime exceptions too, such as
     * Flyway's, which carry PostgreSQL's SQLSTATE) goes to the judge; other runtime exceptions and errors pass through.
     */
    public static <T, E extends Exception> T run(Schedule schedule, Attempt<T, E> work, Judge<E> judge, Class<E> judged) throws E {
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                return work.run(attempt);
            } catch (Exception e) {
                E failure = judged != null && judged.isInstance(e) ? judged.cast(e) : rethrowUnlessExpected(e, work);
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                Duration pause = schedule.pauseAfter().apply(attempt);
                boolean last = attempt >= schedule.maxAttempts() || elapsed.plus(pause).compareTo(schedule.maxTotal()) > 0;
                judge.failed(failure, new Failed(attempt, schedule.maxAttempts(), elapsed, pause, last));
                if (last) {
                    throw failure;
                }
                pause(pause);
            }
        }
    }

    /** Sleeps {@code pause}; an interrupt is kept on the thread and ends the retries. */
    public static void pause(Duration pause) {
        try {
            Backoff.sleep(pause);
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    /** Runtime exceptions and errors pass straight through; checked ones are the attempt's declared type. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrowUnlessExpected(Exception e, Attempt<?, E> work) {
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        return (E) e;
    }
}
