package dev.zdm.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StateIdsTest {
    @Test
    void aStatementIdIsTheScriptTheFingerprintAndTheOccurrenceFromTheSecondOn() {
        assertThat(StateIds.statement("V4__fill.sql", "ab12cd", 1)).isEqualTo("V4__fill.sql#ab12cd");
        assertThat(StateIds.statement("V4__fill.sql", "ab12cd", 2)).isEqualTo("V4__fill.sql#ab12cd.2");
    }

    @Test
    void anIdBelongsToItsMigrationOnly() {
        assertThat(StateIds.belongsTo("V4__fill.sql#ab12cd.2", "V4__fill.sql")).isTrue();
        assertThat(StateIds.belongsTo("V3__Fill_tiers", "V3__Fill_tiers")).isTrue();
        assertThat(StateIds.belongsTo("V4__fill.sqlx#ab12cd", "V4__fill.sql")).isFalse();
        assertThat(StateIds.belongsTo("V4__fill", "V4__fill.sql")).isFalse();
    }
}
