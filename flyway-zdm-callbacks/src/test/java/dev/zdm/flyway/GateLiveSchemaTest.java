package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.flyway.api.ZdmLintGateException;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the gate's live catalog tells the analyzer (indexes that exist, constraints defined by migrations the gate
 * does not read, a table's real key) and how the gate annotates findings on relations the run creates: only with a
 * migration that creates them before the finding's statement, never a later one.
 */
@PostgresTest
class GateLiveSchemaTest {

    @BeforeAll
    static void tables(TestDatabase db) throws Exception {
        db.execute("CREATE SCHEMA live",
                "CREATE TABLE live.big AS SELECT g AS id, g % 100 AS x FROM generate_series(1, 20000) g",
                "CREATE INDEX big_x ON live.big (x)",
                "ALTER TABLE live.big ADD CONSTRAINT big_x_not_null CHECK (x IS NOT NULL) NOT VALID",
                "CREATE TABLE live.keyed (code uuid PRIMARY KEY DEFAULT gen_random_uuid(), v int)",
                "INSERT INTO live.keyed (v) SELECT g FROM generate_series(1, 20000) g",
                "ANALYZE live.big", "ANALYZE live.keyed");
    }

    private static Flyway flyway(TestDatabase db, Path dir, String schema, String... nameAndText) throws Exception {
        for (int i = 0; i < nameAndText.length; i += 2) {
            Files.writeString(dir.resolve(nameAndText[i]), nameAndText[i + 1]);
        }
        Map<String, String> config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "filesystem:" + dir);
        config.put("flyway.schemas", schema);
        config.put("flyway.baselineVersion", "0");
        return inUse(Flyway.configure().configuration(config).load());
    }

    /**
     * The history of a database that already serves an application (a baseline row, version 0): a fresh database is
     * never gated, so these cases need one that is not.
     */
    static Flyway inUse(Flyway flyway) {
        if (flyway.info().applied().length == 0) {
            flyway.baseline();
        }
        return flyway;
    }

    @Test
    void anIndexDroppedAndCreatedAgainInOneMigrationIsNotPlayedDownAsNew(TestDatabase db, @TempDir Path dir) throws Exception {
        Flyway flyway = flyway(db, dir, "l1",
                "V1__rebuild.sql", "DROP INDEX live.big_x;\nCREATE INDEX big_x ON live.big (x, id);");
        assertThatThrownBy(flyway::migrate).hasRootCauseInstanceOf(ZdmLintGateException.class).rootCause()
                .hasMessageContaining("V1__rebuild.sql:2:1: error ZDM101")
                .hasMessageContaining("Not blocking: 1 warning")
                .hasMessageNotContaining("is created by");
    }

    @Test
    void noFindingSaysARelationIsCreatedByALaterMigration(TestDatabase db, @TempDir Path dir) throws Exception {
        Flyway flyway = flyway(db, dir, "l2",
                "V1__cleanup.sql", "DROP INDEX IF EXISTS l2_t_id;",
                "V2__create.sql", "CREATE TABLE l2_t (id int);\nCREATE INDEX l2_t_id ON l2_t (id);");
        try (CapturedLog log = new CapturedLog("dev.zdm")) {
            assertThat(flyway.migrate().migrationsExecuted).isEqualTo(2);
            assertThat(log.messages()).noneSatisfy(l -> assertThat(l).contains("created by V2__create.sql"));
            // The live catalog says the index does not exist and nothing earlier creates it: the IF EXISTS drop is a no-op.
            assertThat(log.messages()).noneSatisfy(l -> assertThat(l).contains("ZDM102"));
        }
    }

    @Test
    void aConstraintFromAnEarlierMigrationIsReadFromTheCatalog(TestDatabase db, @TempDir Path dir) throws Exception {
        Flyway flyway = flyway(db, dir, "l3",
                "V1__not_null.sql", "ALTER TABLE live.big VALIDATE CONSTRAINT big_x_not_null;\n"
                        + "ALTER TABLE live.big ALTER COLUMN x SET NOT NULL;");
        try (CapturedLog log = new CapturedLog("dev.zdm")) {
            assertThat(flyway.migrate().migrationsExecuted).isEqualTo(1);
            assertThat(log.messages()).noneSatisfy(l -> assertThat(l).contains("ZDM114"));
        }
        assertThat(db.queryString("SELECT attnotnull::text FROM pg_attribute WHERE attrelid = 'live.big'::regclass AND attname = 'x'"))
                .isEqualTo("true");
    }

    @Test
    void theBackfillFixWalksTheTablesRealKey(TestDatabase db, @TempDir Path dir) throws Exception {
        Flyway flyway = flyway(db, dir, "l4", "V1__reset.sql", "UPDATE live.keyed SET v = 0;");
        assertThatThrownBy(flyway::migrate).hasRootCauseInstanceOf(ZdmLintGateException.class).rootCause()
                .hasMessageContaining("error ZDM131")
                .hasMessageContaining("-- zdm:batched key=code size=5000")
                .hasMessageContaining("in a migration of its own")
                .hasMessageNotContaining("key=id ");
    }
}
