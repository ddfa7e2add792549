package dev.zdm.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsEveryUnitAndABareNumberAsMilliseconds() {
        assertThat(Durations.parse("250")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("2S")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("5 m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.isDuration("10s")).isTrue();
    }

    @Test
    void refusesAnythingElseWithTheExpectedForm() {
        assertThat(Durations.isDuration("soon")).isFalse();
        assertThat(Durations.isDuration("-1s")).isFalse();
        assertThatThrownBy(() -> Durations.parse("1.5s")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a duration such as 500ms, 2s, 5m or 1h (a bare number is milliseconds)");
    }
}
