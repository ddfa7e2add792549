package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.flyway.internal.status.StatusReport;
import dev.zdm.flyway.internal.status.StatusReport.BackfillStatus;
import dev.zdm.flyway.internal.status.StatusReport.FailedMigration;
import dev.zdm.flyway.internal.status.StatusReport.InvalidIndex;
import dev.zdm.flyway.internal.status.StatusReport.MigrationStatus;
import dev.zdm.flyway.internal.status.StatusReport.PendingFinding;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ZdmCommands.status()} on a database with an applied migration, a failed non-transactional migration whose
 * batched backfill failed half-way, a pending migration the gate would refuse, and an invalid index left by a failed
 * concurrent build.
 */
@PostgresTest
class ZdmCommandsStatusTest {
    private static Map<String, String> config;

    @BeforeAll
    static void failedBackfillPendingIndexAndInvalidIndex(TestDatabase db) throws Exception {
        config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "classpath:db/status");
        config.put("flyway.postgresql.transactional.lock", "false");
        Map<String, String> upToV2 = new HashMap<>(config);
        upToV2.put("flyway.target", "2");
        assertThatThrownBy(() -> Flyway.configure().configuration(upToV2).load().migrate()).hasMessageContaining("division by zero");
        // A unique index over duplicates fails half-way and is left invalid.
        assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY orders_code_key ON orders (code)"))
                .hasMessageContaining("could not create unique index");
    }

    private static StatusReport status() {
        return ZdmCommands.of(Flyway.configure().configuration(config).load()).status();
    }

    @Test
    void listsEveryMigrationWithItsStateAndThePendingOnesLintWithLiveSizes() {
        StatusReport report = status();
        assertThat(report.migrations()).extracting(MigrationStatus::version, MigrationStatus::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1", "Success"), org.assertj.core.groups.Tuple.tuple("2", "Failed"),
                        org.assertj.core.groups.Tuple.tuple("3", "Pending"));
        assertThat(report.migrations().get(0).findings()).as("applied migrations are not judged").isNull();
        PendingFinding finding = report.migrations().get(2).findings().get(0);
        assertThat(finding.ruleId()).isEqualTo("ZDM101");
        assertThat(finding.severity()).isEqualTo("error");
        assertThat(finding.relation()).isEqualTo("orders");
        assertThat(finding.estimatedRows()).isEqualTo(20_000L);
        assertThat(finding.message()).contains("orders has about 20,000 rows");
        assertThat(report.lint().blocksMigrate()).isTrue();
        assertThat(report.lint().failOn()).isEqualTo("error");
        assertThat(report.historyTable()).isEqualTo("public.flyway_schema_history");
    }

    @Test
    void showsTheFailedBackfillWithItsProgressAndError() {
        BackfillStatus backfill = status().backfills().get(0);
        assertThat(backfill.id()).startsWith("V2__backfill_ratio.sql#");
        assertThat(backfill.state()).isEqualTo("failed");
        assertThat(backfill.table()).isEqualTo("public.items");
        assertThat(backfill.rowsDone()).isEqualTo(1000);
        assertThat(backfill.lastKey()).isEqualTo("1000");
        assertThat(backfill.estimatedRows()).isEqualTo(3000L);
        assertThat(backfill.lastError()).contains("division by zero");
    }

    @Test
    void saysTheFailedNonTransactionalMigrationResumes() {
        FailedMigration failed = status().failed().get(0);
        assertThat(failed.version()).isEqualTo("2");
        assertThat(failed.resumes()).isTrue();
        assertThat(failed.statementsApplied()).as("the concurrent index, recorded in zdm_statement_progress").isEqualTo(1);
        assertThat(failed.reason()).contains("continues its backfill");
    }

    @Test
    void listsTheInvalidIndexWithItsTable() {
        InvalidIndex index = status().invalidIndexes().get(0);
        assertThat(index.index()).isEqualTo("public.orders_code_key");
        assertThat(index.table()).isEqualTo("public.orders");
        assertThat(index.unique()).isTrue();
        assertThat(index.columns()).isEqualTo("code");
        assertThat(status().invalidIndexes()).hasSize(1);
    }

    @Test
    void rendersTextAndJson() throws Exception {
        StatusReport report = status();
        String text = report.toText();
        assertThat(text).contains("flyway-zdm status of database ")
                .containsPattern("\\n  3 +Pending +undeclared +index email")
                .contains("error ZDM101 line 1:")
                .contains("migrate would refuse to start")
                .contains(": failed, 1,000 rows done (table: about 3,000 rows)")
                .contains("      failed: ").contains("division by zero")
                .contains("  2 backfill ratio: will resume: the next migrate continues its backfill")
                .contains("  public.orders_code_key on public.orders: unique (code)");
        JsonNode json = JsonMapper.builder().build().readTree(report.toJson());
        assertThat(json.get("migrations").get(2).get("findings").get(0).get("ruleId").asString()).isEqualTo("ZDM101");
        assertThat(json.get("migrations").get(2).get("findings").get(0).get("estimatedRows").asLong()).isEqualTo(20_000L);
        assertThat(json.get("backfills").get(0).get("state").asString()).isEqualTo("failed");
        assertThat(json.get("failed").get(0).get("resumes").asBoolean()).isTrue();
        assertThat(json.get("invalidIndexes").get(0).get("index").asString()).isEqualTo("public.orders_code_key");
        assertThat(json.get("lint").get("blocksMigrate").asBoolean()).isTrue();
    }

    @Test
    void changesNothingAndNeitherCountsNorLocksUserTables(TestDatabase db) throws Exception {
        String before = snapshot(db);
        try (Connection holder = db.connect(); Statement s = holder.createStatement()) {
            // Another session holds ACCESS EXCLUSIVE on both user tables: a status that read them would wait.
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE orders, items IN ACCESS EXCLUSIVE MODE");
            long start = System.nanoTime();
            StatusReport report = status();
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms: never waited for the lock").isLessThan(1_500);
            assertThat(report.migrations()).hasSize(3);
            holder.rollback();
        }
        assertThat(snapshot(db)).isEqualTo(before);
    }

    private static String snapshot(TestDatabase db) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : new String[] {"SELECT string_agg(installed_rank || version || success, ',' ORDER BY installed_rank) FROM flyway_schema_history",
                    "SELECT string_agg(backfill_id || state || rows_done || updated_at, ',') FROM zdm_backfill_progress",
                    "SELECT string_agg(script || ordinal || state, ',' ORDER BY script, ordinal) FROM zdm_statement_progress"}) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    out.append(rs.getString(1)).append('\n');
                }
            }
        }
        return out.toString();
    }
}
