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

    @Test
    void formatsEveryDurationOneWay() {
        assertThat(Durations.format(Duration.ofMillis(850))).isEqualTo("850ms");
        assertThat(Durations.format(Duration.ofMillis(2000))).isEqualTo("2s");
        assertThat(Durations.format(Duration.ofMillis(2500))).isEqualTo("2.5s");
        assertThat(Durations.format(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(Durations.format(Duration.ofSeconds(150))).isEqualTo("2m 30s");
        assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Durations.format(Duration.ofMinutes(125))).isEqualTo("2h 5m");
        assertThat(Durations.format(Duration.ofHours(3))).isEqualTo("3h");
    }

    @Test
    void aFormattedWholeUnitReadsBackAsTheSameDuration() {
        for (String written : new String[] {"200ms", "2s", "90s", "5m", "3h"}) {
            assertThat(Durations.format(Durations.parse(written))).isEqualTo(written);
        }
    }
}
