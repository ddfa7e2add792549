package dev.zdm.core.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pure parts: the progress line and the batch-size rule. */
class BackfillUnitsTest {

    @Test
    void theProgressLineHasTheStructuredForm() {
        assertThat(ProgressLine.format("users", 420000, 1000000, 38000, 5000))
                .isEqualTo("backfill users: 420000/1000000 rows (42%), 38000 rows/s, eta 15s, batch 5000");
        assertThat(ProgressLine.format("sales.orders", 10, 0, 0, 100))
                .isEqualTo("backfill sales.orders: 10/10 rows (99%), 0 rows/s, eta ?, batch 100");
        assertThat(ProgressLine.format("t", 1000, 1000000, 10, 7)).contains("eta 27h45m");
    }

    @Test
    void durationsReadNaturally() {
        assertThat(ProgressLine.duration(Duration.ofMillis(850))).isEqualTo("850ms");
        assertThat(ProgressLine.duration(Duration.ofSeconds(15))).isEqualTo("15s");
        assertThat(ProgressLine.duration(Duration.ofSeconds(125))).isEqualTo("2m05s");
        assertThat(ProgressLine.duration(Duration.ofMinutes(62))).isEqualTo("1h02m");
    }

    @Test
    void anAdaptiveSizeMovesTowardsTheTargetAtMostFourfoldPerBatch() {
        BatchSizer sizer = BatchSizer.adaptive(Duration.ofMillis(200), 100, 100_000);
        assertThat(sizer.size()).isEqualTo(1000);
        sizer.record(1000, Duration.ofMillis(2));
        assertThat(sizer.size()).isEqualTo(4000);
        sizer.record(4000, Duration.ofMillis(8));
        assertThat(sizer.size()).isEqualTo(16000);
        for (int i = 0; i < 10; i++) {
            sizer.record(sizer.size(), Duration.ofNanos(sizer.size() * 2_000L));
        }
        assertThat(sizer.size()).isEqualTo(100_000);
        // a sudden slow region: the size drops at once, a quarter per batch at most
        sizer.record(100_000, Duration.ofSeconds(4));
        assertThat(sizer.size()).isEqualTo(25_000);
    }

    @Test
    void aHalvedFixedSizeGrowsBackToTheConfiguredOne() {
        BatchSizer sizer = BatchSizer.fixed(500);
        sizer.halve();
        sizer.halve();
        assertThat(sizer.size()).isEqualTo(125);
        sizer.record(125, Duration.ofMillis(1));
        sizer.record(250, Duration.ofMillis(1));
        sizer.record(500, Duration.ofMillis(1));
        assertThat(sizer.size()).isEqualTo(500);
    }

    @Test
    void theAdaptiveSizeStaysWithinItsBounds() {
        BatchSizer sizer = BatchSizer.adaptive(Duration.ofMillis(200), 300, 2000);
        sizer.record(1000, Duration.ofSeconds(10));
        assertThat(sizer.size()).isEqualTo(300);
        sizer.halve();
        assertThat(sizer.size()).isEqualTo(300);
        sizer.cap(50);
        assertThat(sizer.size()).isEqualTo(50);
    }
}
