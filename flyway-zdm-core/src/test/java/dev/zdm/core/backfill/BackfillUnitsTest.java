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
        assertThat(ProgressLine.format("t", 1000, 1000000, 10, 7)).contains("eta 27h 45m");
    }

    /** The eta reads as every duration of flyway-zdm does (Durations.format): 2m 5s, once 2m05s. */
    @Test
    void theEtaReadsLikeEveryOtherDuration() {
        assertThat(ProgressLine.format("t", 0, 125, 1, 1)).contains("eta 2m 5s");
        assertThat(ProgressLine.format("t", 0, 15, 1, 1)).contains("eta 15s");
        assertThat(ProgressLine.format("t", 0, 62 * 60, 1, 1)).contains("eta 62m");
        assertThat(ProgressLine.format("t", 0, 85, 100, 1)).contains("eta 850ms");
    }

    /** 100 ms doubling to 5 s, each pause uniform in the upper half of its ceiling (what the backfill always did). */
    @Test
    void batchRetriesBackOffFrom100msTo5sWithJitterInTheUpperHalf() {
        for (int i = 0; i < 200; i++) {
            assertThat(BatchRetries.backoff(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(BatchRetries.backoff(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(BatchRetries.backoff(7)).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));
            assertThat(BatchRetries.backoff(40)).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));
        }
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
