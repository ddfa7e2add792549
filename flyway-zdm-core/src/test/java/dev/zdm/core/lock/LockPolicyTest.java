package dev.zdm.core.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class LockPolicyTest {
    private static LockPolicy policy(Duration lockTimeout, Duration max) {
        return new LockPolicy(lockTimeout, max, 10, Duration.ofMinutes(1), Duration.ofMillis(100), Duration.ofSeconds(2), null);
    }

    @Test
    void withoutAMaximumTheLockTimeoutStaysTheSame() {
        LockPolicy p = policy(Duration.ofMillis(200), null);
        assertThat(p.lockTimeoutFor(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.lockTimeoutFor(7)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void withAMaximumTheLockTimeoutDoublesPerAttemptUpToIt() {
        LockPolicy p = policy(Duration.ofMillis(100), Duration.ofMillis(700));
        assertThat(p.lockTimeoutFor(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.lockTimeoutFor(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.lockTimeoutFor(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(p.lockTimeoutFor(4)).isEqualTo(Duration.ofMillis(700));
        assertThat(p.lockTimeoutFor(30)).isEqualTo(Duration.ofMillis(700));
    }

    @RepeatedTest(20)
    void pausesAreJitteredWithinTheExponentialBound() {
        LockPolicy p = policy(Duration.ofMillis(100), null);
        assertThat(p.pauseAfter(1)).isBetween(Duration.ZERO, Duration.ofMillis(100));
        assertThat(p.pauseAfter(3)).isBetween(Duration.ZERO, Duration.ofMillis(400));
        assertThat(p.pauseAfter(20)).isBetween(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void pausesAreNotAllTheSame() {
        LockPolicy p = policy(Duration.ofMillis(100), null);
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> p.pauseAfter(5)).distinct().count()).isGreaterThan(5);
    }

    /** A random source that always draws its lowest value, or always its highest. */
    private static java.util.random.RandomGenerator fixed(boolean highest) {
        return new java.util.random.RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return highest ? bound - 1 : 0;
            }
        };
    }

    @Test
    void thePauseBetweenLockAttemptsIsNeverShorterThanTheLockTimeoutSoQueuedWritersDrain() {
        // before: full jitter could draw 0 ms and the next attempt queued in front of the writers again
        LockPolicy p = policy(Duration.ofMillis(200), null);
        assertThat(p.pauseAfter(1, fixed(false))).isEqualTo(Duration.ofMillis(200));
        assertThat(p.pauseAfter(1, fixed(true))).isEqualTo(Duration.ofMillis(200)); // ceiling 100 ms is below the floor
        assertThat(p.pauseAfter(4, fixed(false))).isEqualTo(Duration.ofMillis(200));
        assertThat(p.pauseAfter(4, fixed(true))).isEqualTo(Duration.ofMillis(800));
        // with escalation the floor follows the lock timeout of the attempt that just failed
        LockPolicy escalating = policy(Duration.ofMillis(200), Duration.ofSeconds(2));
        assertThat(escalating.pauseAfter(3, fixed(false))).isEqualTo(Duration.ofMillis(800));
        for (int i = 0; i < 100; i++) {
            assertThat(p.pauseAfter(1).toMillis()).isEqualTo(200L);
            assertThat(p.pauseAfter(5).toMillis()).isBetween(200L, 1600L);
        }
    }

    @Test
    void backoffGrowsExponentiallyUpToItsCapWithFullJitter() {
        Duration base = Duration.ofMillis(100);
        Duration max = Duration.ofSeconds(5);

        assertThat(Backoff.ceiling(base, max, 1)).isEqualTo(100);
        assertThat(Backoff.ceiling(base, max, 4)).isEqualTo(800);
        assertThat(Backoff.ceiling(base, max, 10)).isEqualTo(5000);
        assertThat(Backoff.ceiling(base, max, 200)).isEqualTo(5000);
        for (int i = 0; i < 100; i++) {
            assertThat(Backoff.delay(base, max, 3).toMillis()).isBetween(0L, 400L);
        }
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> policy(Duration.ZERO, null)).hasMessageContaining("lockTimeout must be positive");
        assertThatThrownBy(() -> new LockPolicy(Duration.ofMillis(1), null, 0, Duration.ofSeconds(1), null, null, null))
                .hasMessageContaining("maxAttempts");
    }

    @Test
    void describesItselfForTheLog() {
        assertThat(policy(Duration.ofMillis(200), Duration.ofSeconds(2)).describe())
                .isEqualTo("lock_timeout 200ms (escalating to 2s), up to 10 attempts within 60s");
    }
}
