package dev.zdm.core.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backfill specification as JSON: every field survives, bad input is refused by name, a rebuilt backfill runs the same. */
@PostgresTest
class BackfillSpecTest {

    /** Every option set, none at its default. */
    private static Backfill everything() {
        return Backfill.table("sales.orders").exactTableName().schema("Shop").as("o")
                .set("customer_name = c.name, note = 'it''s \"quoted\"'").from("customers c")
                .where("c.id = o.customer_id AND o.customer_name IS NULL").key("tenant", "id").batchSize(250)
                .targetBatchDuration(Duration.ofMillis(350)).batchSizeBounds(20, 9000).pauseBetweenBatches(Duration.ofMillis(15))
                .maxRowsPerSecond(12_345).maxReplicationLag(Duration.ofSeconds(7)).lockTimeout(Duration.ofMillis(150))
                .statementTimeout(Duration.ofSeconds(3)).maxRetries(4).verifyNoneRemain(false).progressInterval(Duration.ofSeconds(2));
    }

    /** Every field set, the range bounds of a unit too (which only a split job's enqueue writes). */
    private static BackfillSpec everySpecField() {
        BackfillSpec s = everything().ranges(4).spec();
        return new BackfillSpec(s.operation(), s.schema(), s.table(), s.exactTableName(), s.alias(), s.set(), s.from(), s.where(), s.key(),
                s.batchSize(), s.targetBatchDuration(), s.minBatchSize(), s.maxBatchSize(), s.pauseBetweenBatches(), s.maxRowsPerSecond(),
                s.maxReplicationLag(), s.lockTimeout(), s.statementTimeout(), s.maxRetries(), s.verify(), s.progressInterval(), s.ranges(),
                "eu", "us");
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        BackfillSpec spec = everySpecField();
        assertThat(spec).hasNoNullFieldsOrProperties();
        assertThat(spec.exactTableName()).isTrue();
        String json = spec.toJson();
        assertThat(json).startsWith("{\"version\":" + BackfillSpec.VERSION + ",");
        for (String field : BackfillSpec.fields()) {
            assertThat(json).as("field %s written", field).contains("\"" + field + "\":");
        }
        BackfillSpec read = BackfillSpec.fromJson(json);
        assertThat(read).isEqualTo(spec);
        Backfill rebuilt = Backfill.fromSpec(read);
        assertThat(rebuilt.spec()).isEqualTo(spec);
        assertThat(rebuilt.describe()).isEqualTo(everything().describe());
        assertThat(rebuilt.dottedNameIsQualified()).isFalse();
    }

    @Test
    void aMinimalBackfillWritesOnlyWhatItDeclares() {
        Backfill delete = Backfill.deleteFrom("events").where("created_at < now() - interval '90 days'");
        String json = delete.spec().toJson();
        assertThat(json).isEqualTo("{\"version\":1,\"operation\":\"DELETE\",\"table\":\"events\","
                + "\"where\":\"created_at < now() - interval '90 days'\"}");
        BackfillSpec read = BackfillSpec.fromJson(json);
        assertThat(read.key()).isEmpty();
        assertThat(read.verify()).isNull();
        assertThat(read.batchSize()).isNull();
        assertThat(Backfill.fromSpec(read).spec()).isEqualTo(delete.spec());
        assertThat(Backfill.fromSpec(read).dottedNameIsQualified()).isTrue();
    }

    @Test
    void anUnknownFieldIsRefusedByName() {
        assertThatThrownBy(() -> BackfillSpec.fromJson("{\"version\":1,\"operation\":\"UPDATE\",\"table\":\"t\",\"set\":\"a = 1\","
                + "\"batchSise\":10}"))
                .isInstanceOf(BackfillDefinitionException.class)
                .hasMessageContaining("unknown field \"batchSise\"")
                .hasMessageContaining("batchSize");
    }

    @Test
    void aMissingOrNewerVersionIsRefused() {
        assertThatThrownBy(() -> BackfillSpec.fromJson("{\"operation\":\"UPDATE\",\"table\":\"t\"}"))
                .isInstanceOf(BackfillDefinitionException.class).hasMessageContaining("\"version\" is missing");
        assertThatThrownBy(() -> BackfillSpec.fromJson("{\"version\":3,\"operation\":\"UPDATE\",\"table\":\"t\"}"))
                .isInstanceOf(BackfillDefinitionException.class).hasMessageContaining("\"version\" is 3")
                .hasMessageContaining("reads versions 1 to 2");
    }

    @Test
    void aRangeUnitIsWrittenAsVersionTwoAndAJobWithoutRangesStaysVersionOne() {
        BackfillSpec unit = Backfill.table("t").set("a = 1").ranges(3).spec().inRange("10", null);
        assertThat(unit.ranges()).as("a unit is not split again").isNull();
        assertThat(unit.isRangeUnit()).isTrue();
        assertThat(unit.toJson()).isEqualTo("{\"version\":2,\"operation\":\"UPDATE\",\"table\":\"t\",\"set\":\"a = 1\",\"rangeFrom\":\"10\"}");
        assertThat(BackfillSpec.fromJson(unit.toJson())).isEqualTo(unit);
        assertThat(Backfill.table("t").set("a = 1").spec().toJson()).startsWith("{\"version\":1,");
    }

    @Test
    void wrongTypesAndValuesNameTheirField() {
        assertThatThrownBy(() -> BackfillSpec.fromJson("{\"version\":1,\"operation\":\"UPDATE\",\"table\":\"t\",\"batchSize\":\"ten\"}"))
                .isInstanceOf(BackfillDefinitionException.class).hasMessageContaining("field \"batchSize\" must be a whole number");
        assertThatThrownBy(() -> BackfillSpec.fromJson("{\"version\":1,\"operation\":\"UPSERT\",\"table\":\"t\"}"))
                .isInstanceOf(BackfillDefinitionException.class).hasMessageContaining("field \"operation\" is \"UPSERT\"");
        assertThatThrownBy(() -> BackfillSpec.fromJson("{\"version\":1,\"operation\":\"UPDATE\",\"table\":\"t\",\"lockTimeout\":\"2s\"}"))
                .isInstanceOf(BackfillDefinitionException.class).hasMessageContaining("field \"lockTimeout\" is \"2s\"");
        assertThatThrownBy(() -> BackfillSpec.fromJson("{\"version\":1,\"operation\":\"UPDATE\"}"))
                .isInstanceOf(BackfillDefinitionException.class).hasMessageContaining("field \"table\" is missing");
        assertThatThrownBy(() -> BackfillSpec.fromJson("[1]"))
                .isInstanceOf(BackfillDefinitionException.class).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> BackfillSpec.fromJson("{\"version\":1,"))
                .isInstanceOf(BackfillDefinitionException.class).hasMessageContaining("it is not JSON");
        // values go through the same checks as the builder's
        assertThatThrownBy(() -> Backfill.fromSpec(BackfillSpec.fromJson("{\"version\":1,\"operation\":\"UPDATE\",\"table\":\"t\","
                + "\"set\":\"a = 1\",\"batchSize\":0}"))).hasMessageContaining("batchSize must be positive");
        assertThatThrownBy(() -> Backfill.fromSpec(BackfillSpec.fromJson("{\"version\":1,\"operation\":\"UPDATE\",\"table\":\"t\","
                + "\"set\":\"a = 1; DROP TABLE t\"}"))).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Two identical tables: one backfilled by the declared backfill, the other by one rebuilt from its JSON (as another
     * runner would), with a join source, a composite key, an alias and small batches. Same rows changed, same result.
     */
    @Test
    void aBackfillRebuiltFromItsJsonRunsToTheSameResult(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 50) g");
        for (String table : List.of("orders_a", "orders_b")) {
            db.execute("CREATE TABLE " + table + " (tenant int NOT NULL, id int NOT NULL, customer_id int NOT NULL, customer_name text,"
                            + " PRIMARY KEY (tenant, id))",
                    "INSERT INTO " + table + " SELECT g % 3, g, g % 50 + 1, CASE WHEN g % 7 = 0 THEN 'kept' END"
                            + " FROM generate_series(1, 2000) g");
        }
        Backfill declared = Backfill.table("orders_a").as("o").set("customer_name = c.name").from("customers c")
                .where("c.id = o.customer_id AND o.customer_name IS NULL").key("tenant", "id").batchSize(97)
                .lockTimeout(Duration.ofMillis(300)).maxRetries(3);
        String json = declared.spec().toJson();
        Backfill rebuilt = Backfill.fromSpec(BackfillSpec.fromJson(json.replace("\"orders_a\"", "\"orders_b\"")));

        BackfillResult original;
        BackfillResult again;
        try (Connection c = db.connect()) {
            BackfillExecutor executor = new BackfillExecutor(c, "public");
            original = executor.run("orders-a", declared);
            again = executor.run("orders-b", rebuilt);
        }
        assertThat(again.rowsChanged()).isEqualTo(original.rowsChanged()).isEqualTo(2000 - 2000 / 7);
        assertThat(again.keysScanned()).isEqualTo(original.keysScanned());
        assertThat(again.batches()).isEqualTo(original.batches());
        assertThat(again.remainingVerified()).isEqualTo(original.remainingVerified()).isTrue();
        assertThat(db.queryLong("SELECT count(*) FROM orders_a a JOIN orders_b b USING (tenant, id)"
                + " WHERE a.customer_name IS NOT DISTINCT FROM b.customer_name")).isEqualTo(2000);
        assertThat(db.queryString("SELECT statement FROM zdm_backfill_progress WHERE backfill_id = 'orders-b'"))
                .isEqualTo(db.queryString("SELECT statement FROM zdm_backfill_progress WHERE backfill_id = 'orders-a'")
                        .replace("orders_a", "orders_b"));
    }

    /**
     * A backfill stopped half-way by a failing batch is finished by a backfill rebuilt from its JSON, under the same id
     * (as another runner would resume it): the rebuilt statement is the checkpoint's to the letter, so it continues after
     * the last committed key instead of refusing a changed statement or starting over.
     */
    @Test
    void aBackfillRebuiltFromItsJsonResumesTheCheckpointOfTheOriginal(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE switch (fail boolean NOT NULL)", "INSERT INTO switch VALUES (true)",
                "CREATE TABLE members (id int PRIMARY KEY, tier text, n int NOT NULL DEFAULT 0)",
                "INSERT INTO members (id) SELECT g FROM generate_series(1, 3000) g");
        Backfill declared = Backfill.table("members").set("tier = 'basic', n = n + 1 + CASE WHEN (SELECT fail FROM switch)"
                + " THEN 1 / (id - 1800) ELSE 0 END").where("tier IS NULL").batchSize(400);
        String json = declared.spec().toJson();
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> new BackfillExecutor(c, "public").run("tiers", declared))
                    .isInstanceOf(BackfillException.class).hasMessageContaining("continue after key [1600]");
        }
        db.execute("UPDATE switch SET fail = false");
        BackfillResult resumed;
        try (Connection c = db.connect()) {
            // the run stored its declaration with its checkpoint: another runner needs nothing but the id
            String stored = BackfillCheckpoints.spec(c, "public", "tiers").orElseThrow();
            assertThat(BackfillSpec.fromJson(stored)).isEqualTo(BackfillSpec.fromJson(json));
            resumed = new BackfillExecutor(c, "public").run("tiers", Backfill.fromSpec(BackfillSpec.fromJson(stored)));
        }
        assertThat(resumed.resumedFromKey()).isEqualTo("[1600]");
        assertThat(resumed.rowsChanged()).isEqualTo(1400);
        assertThat(db.queryLong("SELECT count(*) FROM members WHERE n = 1 AND tier = 'basic'")).isEqualTo(3000);
    }
}
