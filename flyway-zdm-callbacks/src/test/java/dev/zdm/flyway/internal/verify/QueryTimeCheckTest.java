package dev.zdm.flyway.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.core.state.QueryStatsSnapshots.QueryStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ZDV08's judgement of one query: the factor, the absolute floor, the calls needed, counters reset. */
class QueryTimeCheckTest {
    private static final String Q = "SELECT note FROM items WHERE code = $1";
    private static final VerifyOptions DEFAULTS = VerifyOptions.defaults();

    /** {@code calls} calls at {@code meanMs} each. */
    private static QueryStats stats(long calls, double meanMs) {
        return new QueryStats(42, Q, calls, calls * meanMs);
    }

    /** The counters after {@code before} plus {@code calls} more at {@code meanMs}. */
    private static QueryStats then(QueryStats before, long calls, double meanMs) {
        return new QueryStats(42, Q, before.calls() + calls, before.totalMs() + calls * meanMs);
    }

    @Test
    void aQueryTwiceAsSlowAndAMillisecondSlowerFails() {
        QueryStats before = stats(500, 0.03);
        var problem = QueryTimeCheck.compare(before, then(before, 40, 4.2), "items", DEFAULTS);
        assertThat(problem).isNotNull();
        assertThat(problem.subject()).isEqualTo("queryid 42 on items");
        assertThat(problem.detail()).isEqualTo("mean 4.2 ms over 40 calls since the snapshot, against 0.03 ms over 500 calls before "
                + "(140x slower): " + Q);
    }

    @Test
    void tinyTimesBelowTheFloorAreNoise() {
        QueryStats before = stats(500, 0.01);
        assertThat(QueryTimeCheck.compare(before, then(before, 100, 0.05), "items", DEFAULTS)).as("5x, but 0.04 ms").isNull();
        assertThat(QueryTimeCheck.compare(before, then(before, 100, 0.05), "items", DEFAULTS.withSlowdownFloorMs(0.01))).isNotNull();
    }

    @Test
    void belowTheFactorTooFewCallsOrResetCountersPass() {
        QueryStats before = stats(500, 10);
        assertThat(QueryTimeCheck.compare(before, then(before, 100, 19), "items", DEFAULTS)).as("1.9x").isNull();
        assertThat(QueryTimeCheck.compare(before, then(before, 100, 19), "items", DEFAULTS.withSlowdownFactor(1.5))).isNotNull();
        assertThat(QueryTimeCheck.compare(before, then(before, 9, 100), "items", DEFAULTS)).as("9 calls").isNull();
        assertThat(QueryTimeCheck.compare(before, stats(50, 100), "items", DEFAULTS)).as("reset since").isNull();
    }

    @Test
    void queriesAreMatchedToTouchedTablesAsWords() {
        List<String> touched = List.of("items", "orders");
        assertThat(QueryTimeCheck.touchedBy("SELECT * FROM scans.Items WHERE id = $1", touched)).isEqualTo("items");
        assertThat(QueryTimeCheck.touchedBy("UPDATE \"orders\" SET x = $1", touched)).isEqualTo("orders");
        assertThat(QueryTimeCheck.touchedBy("SELECT * FROM items_archive", touched)).isNull();
        assertThat(QueryTimeCheck.touchedBy("SELECT * FROM old_orders", touched)).isNull();
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> DEFAULTS.withSlowdownFactor(1)).hasMessageContaining("slowdownFactor must be a number above 1");
        assertThatThrownBy(() -> DEFAULTS.withSlowdownFloorMs(-1)).hasMessageContaining("slowdownFloorMs must be 0 or more");
    }
}
