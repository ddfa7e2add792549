package dev.zdm.core.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** The SQL form run through the engine on a real server. */
@PostgresTest
class BatchedSqlStatementRunTest {

    @Test
    void runsTheParsedStatementThroughTheEngineWithItsCheckpoint(TestDatabase db) throws Exception {
        db.execute("CREATE SCHEMA flyway_history", "CREATE TABLE subscriptions (id int PRIMARY KEY, renews boolean, n int NOT NULL DEFAULT 0)",
                "INSERT INTO subscriptions (id) SELECT g FROM generate_series(1, 3000) g");
        String migrationStatement = "-- zdm:batched key=id size=400\nUPDATE subscriptions SET renews = true, n = n + 1 WHERE renews IS NULL;";

        BackfillResult result;
        try (Connection c = db.connect()) {
            result = BatchedSqlStatement.parse(migrationStatement)
                    .run(c, BatchedSqlStatement.backfillId("V9__renewals.sql", "1"), "flyway_history", BackfillDefaults.standard());
        }

        assertThat(result.batches()).isEqualTo(8);
        assertThat(db.queryLong("SELECT count(*) FROM subscriptions WHERE n <> 1")).isZero();
        assertThat(db.queryString("SELECT state FROM flyway_history.zdm_backfill_progress WHERE backfill_id = 'V9__renewals.sql#1'"))
                .isEqualTo("done");
    }

    @Test
    void runsADeleteAndAnUpdateFromOnQuotedNames(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE \"Region\" (id int PRIMARY KEY, \"Name\" text NOT NULL)",
                "CREATE TABLE \"Store\" (\"Store Id\" int PRIMARY KEY, region_id int NOT NULL, region_name text, closed boolean NOT NULL)",
                "INSERT INTO \"Region\" SELECT g, 'r' || g FROM generate_series(1, 5) g",
                "INSERT INTO \"Store\" SELECT g, 1 + g % 5, NULL, g % 4 = 0 FROM generate_series(1, 1000) g");
        try (Connection c = db.connect()) {
            BatchedSqlStatement.parse("-- zdm:batched size=150", "DELETE FROM \"Store\" WHERE closed")
                    .run(c, "V10__a.sql#1", "public", BackfillDefaults.standard());
            BatchedSqlStatement.parse("-- zdm:batched key=\"Store Id\" size=100",
                            "UPDATE \"Store\" s SET region_name = r.\"Name\" FROM \"Region\" r WHERE r.id = s.region_id AND s.region_name IS NULL")
                    .run(c, "V10__a.sql#2", "public", BackfillDefaults.standard());
        }
        assertThat(db.queryLong("SELECT count(*) FROM \"Store\"")).isEqualTo(750);
        assertThat(db.queryLong("SELECT count(*) FROM \"Store\" s JOIN \"Region\" r ON r.id = s.region_id WHERE s.region_name = r.\"Name\""))
                .isEqualTo(750);
    }
}
