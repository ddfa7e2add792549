package dev.zdm.core.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryTest {
    private static final Retry.Schedule THREE_QUICK = Retry.Schedule.attempts(3, attempt -> Duration.ofMillis(attempt));

    @Test
    void retriesUntilTheAttemptSucceeds() throws SQLException {
        List<Retry.Failed> seen = new ArrayList<>();
        String result = Retry.run(THREE_QUICK, attempt -> {
            if (attempt < 3) {
                throw new SQLException("busy", "55P03");
            }
            return "done on " + attempt;
        }, (failure, failed) -> seen.add(failed));
        assertThat(result).isEqualTo("done on 3");
        assertThat(seen).extracting(Retry.Failed::attempt).containsExactly(1, 2);
        assertThat(seen).extracting(Retry.Failed::pause).containsExactly(Duration.ofMillis(1), Duration.ofMillis(2));
        assertThat(seen).noneMatch(Retry.Failed::last);
    }

    @Test
    void theLastFailureIsRethrownWhenTheJudgeLetsItThrough() {
        List<Retry.Failed> seen = new ArrayList<>();
        assertThatThrownBy(() -> Retry.run(THREE_QUICK, attempt -> {
            throw new SQLException("busy " + attempt, "55P03");
        }, (failure, failed) -> seen.add(failed))).hasMessage("busy 3");
        assertThat(seen).extracting(Retry.Failed::last).containsExactly(false, false, true);
        assertThat(seen).allMatch(f -> f.maxAttempts() == 3);
    }

    @Test
    void theJudgeStopsTheLoopWithItsOwnError() {
        int[] attempts = {0};
        assertThatThrownBy(() -> Retry.run(THREE_QUICK, attempt -> {
            attempts[0]++;
            throw new SQLException("duplicate key", "23505");
        }, (failure, failed) -> {
            throw new SQLException("final: " + failure.getMessage(), failure);
        })).hasMessage("final: duplicate key");
        assertThat(attempts[0]).isEqualTo(1);
    }

    @Test
    void theTimeBudgetEndsTheLoopBeforeTheCount() {
        Retry.Schedule budget = new Retry.Schedule(100, Duration.ofMillis(50), attempt -> Duration.ofMillis(30));
        List<Retry.Failed> seen = new ArrayList<>();
        assertThatThrownBy(() -> Retry.run(budget, attempt -> {
            throw new SQLException("busy", "55P03");
        }, (failure, failed) -> seen.add(failed))).isInstanceOf(SQLException.class);
        assertThat(seen).hasSizeBetween(1, 3);
        assertThat(seen.get(seen.size() - 1).last()).isTrue();
    }

    @Test
    void runtimeExceptionsAreNotJudged() {
        assertThatThrownBy(() -> Retry.<Void, SQLException>run(THREE_QUICK, attempt -> {
            throw new IllegalArgumentException("bug");
        }, (failure, failed) -> {
            throw new AssertionError("judged");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("bug");
    }

    @Test
    void runtimeExceptionsAreJudgedWhenTheyAreOfTheJudgedType() {
        java.util.List<Integer> judged = new java.util.ArrayList<>();
        assertThatThrownBy(() -> Retry.<Void, Exception>run(THREE_QUICK, attempt -> {
            throw new IllegalStateException("contention " + attempt);
        }, (failure, failed) -> judged.add(failed.attempt()), Exception.class)).isInstanceOf(IllegalStateException.class)
                .hasMessage("contention 3");
        assertThat(judged).containsExactly(1, 2, 3);
    }

    @Test
    void retriesScheduleAllowsOnePlusTheRetries() {
        Retry.Schedule schedule = Retry.Schedule.retries(2, Duration.ofMillis(10), Duration.ofMillis(40));
        assertThat(schedule.maxAttempts()).isEqualTo(3);
        assertThat(schedule.pauseAfter().apply(5)).isBetween(Duration.ZERO, Duration.ofMillis(40));
        assertThatThrownBy(() -> Retry.Schedule.attempts(0, a -> Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
