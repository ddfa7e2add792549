package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.flyway.internal.verify.VerifyReport.CheckResult;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * ZDV07 on a real server: two 50,000-row tables, each looked up by an indexed column; V2 drops one of the indexes. The
 * migrate that applies V2 on the database in use records the statistics first; after the same lookups again, zdm:verify
 * names the table whose lookups became sequential scans and the dropped index, and not the other.
 */
@PostgresTest
class ZdmCommandsVerifyScansTest {

    /** Flyway on schema scans with db/verify/scans, up to {@code target} (null: all); shared with ZDV08's test. */
    static Map<String, String> config(TestDatabase db, String target) {
        Map<String, String> config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "classpath:db/verify/scans");
        config.put("flyway.schemas", "scans");
        config.put("flyway.postgresql.transactional.lock", "false");
        if (target != null) {
            config.put("flyway.target", target);
        }
        return config;
    }

    private static CheckResult zdv07(Map<String, String> config) {
        return ZdmCommands.of(Flyway.configure().configuration(config).load()).verify().checks().stream()
                .filter(c -> c.id().equals("ZDV07")).findFirst().orElseThrow();
    }

    /** What the application does: look rows up by code; then the statistics are flushed at once (PostgreSQL 15+). */
    private static void lookUp(TestDatabase db, String table, int times) throws Exception {
        try (Connection c = db.connect("application");
             PreparedStatement ps = c.prepareStatement("SELECT note FROM scans." + table + " WHERE code = ?")) {
            for (int i = 1; i <= times; i++) {
                ps.setInt(1, i * 97);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_stat_force_next_flush()");
            }
        }
    }

    @Test
    void catchesTheLookupsThatBecameSequentialScansAfterADroppedIndex(TestDatabase db) throws Exception {
        Map<String, String> upToV1 = config(db, "1");
        Flyway.configure().configuration(upToV1).load().migrate();
        CheckResult first = zdv07(upToV1);
        assertThat(first.passed()).isTrue();
        assertThat(first.evidence()).isEqualTo("no statistics snapshot; run zdm:verify after a migrate with flyway-zdm, or "
                + "ZdmCommands.snapshotStatistics() before");

        // Without a dropped index: a snapshot on demand, the same lookups, nothing to report.
        lookUp(db, "items_a", 20);
        lookUp(db, "items_b", 20);
        assertThat(ZdmCommands.of(Flyway.configure().configuration(upToV1).load()).snapshotStatistics()).isGreaterThanOrEqualTo(2);
        lookUp(db, "items_a", 30);
        lookUp(db, "items_b", 30);
        CheckResult unchanged = zdv07(upToV1);
        assertThat(unchanged.passed()).isTrue();
        assertThat(unchanged.evidence()).as("items_a, items_b, the history and flyway-zdm's tables")
                .matches("\\d+ tables compared with the statistics snapshot of \\S+Z \\(snapshotStatistics\\), none with new sequential scans");

        // V2 drops items_a's index; its migrate records the statistics before it runs.
        Map<String, String> all = config(db, null);
        Flyway.configure().configuration(all).load().migrate();
        assertThat(db.queryString("SELECT DISTINCT taken_by FROM scans.zdm_stats_snapshot")).isEqualTo("migrate before V2__drop_index.sql");
        assertThat(db.queryString("SELECT indexes::text FROM scans.zdm_stats_snapshot WHERE table_name = 'items_a'"))
                .isEqualTo("{items_a_code_idx,items_a_pkey}");
        lookUp(db, "items_a", 30);
        lookUp(db, "items_b", 30);

        CheckResult check = zdv07(all);

        assertThat(check.passed()).isFalse();
        assertThat(check.problems()).singleElement().satisfies(p -> {
            assertThat(p.subject()).isEqualTo("scans.items_a");
            assertThat(p.detail()).matches("\\d\\d+ sequential scans in .* since the statistics snapshot \\(migrate before V2__drop_index.sql\\).*")
                    .contains("about 50,000 rows").contains("Index dropped or made invalid since the snapshot: items_a_code_idx.");
            assertThat(p.fix()).startsWith("create items_a_code_idx again with CREATE INDEX CONCURRENTLY");
        });
    }
}
