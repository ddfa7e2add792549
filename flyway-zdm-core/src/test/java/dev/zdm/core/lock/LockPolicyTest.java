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
