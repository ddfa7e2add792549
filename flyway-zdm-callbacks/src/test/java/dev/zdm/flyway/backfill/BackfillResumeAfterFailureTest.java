package dev.zdm.flyway.backfill;

import static dev.zdm.flyway.backfill.FlywayBackfillTests.config;
import static dev.zdm.flyway.backfill.FlywayBackfillTests.flyway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.flyway.CapturedLog;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A backfill migration that fails with an error leaves a failed row in flyway_schema_history (Flyway's session lock);
 * the next migrate must continue it from its checkpoint without {@code flyway repair}, and must not do the same for
 * any other failed migration.
 */
@PostgresTest
class BackfillResumeAfterFailureTest {
    private static final String LOCATION = "classpath:dev/zdm/flyway/backfill/failing";
    private static final String MIGRATION = "dev.zdm.flyway.backfill.failing.V2__Backfill_tiers";

    @BeforeEach
    void emptySchema(TestDatabase db) throws Exception {
        FlywayBackfillTests.emptySchema(db);
    }

    @Test
    void theNextMigrateContinuesAfterTheLastCommittedBatch(TestDatabase db) throws Exception {
        failThenResume(db, config(db, LOCATION));
    }

    @Test
    void theNextMigrateContinuesAlsoWhenValidateOnMigrateIsOff(TestDatabase db) throws Exception {
        Map<String, String> config = config(db, LOCATION);
        config.put("flyway.validateOnMigrate", "false");
        failThenResume(db, config);
    }

    private static void failThenResume(TestDatabase db, Map<String, String> config) throws Exception {
        assertThatThrownBy(() -> flyway(config).migrate())
                .hasMessageContaining("SQL State  : ZD001")
                .hasMessageContaining("Message    : Backfill " + MIGRATION + " failed in the batch after key [3000] of public.members")
                .hasMessageContaining("division by zero (SQLSTATE 22012)")
                .hasMessageContaining("With Flyway: run migrate again");
        assertThat(db.queryString("SELECT success::text FROM flyway_schema_history WHERE version = '2'")).isEqualTo("false");
        assertThat(db.queryString("SELECT state || ' ' || last_key::text FROM zdm_backfill_progress WHERE backfill_id = '" + MIGRATION + "'"))
                .isEqualTo("failed {3000}");

        db.execute("UPDATE switch SET fail = false");
        MigrateResult result;
        List<String> log;
        try (CapturedLog captured = new CapturedLog("dev.zdm")) {
            result = flyway(config).migrate();
            log = captured.messages();
        }

        assertThat(result.migrationsExecuted).isEqualTo(1);
        assertThat(log).anySatisfy(line -> assertThat(line)
                .contains("migration 2 (Backfill tiers) failed in an earlier run but is a resumable backfill")
                .contains("state failed, 3000 rows done, last key {3000}")
                .contains("no repair needed")
                .contains("division by zero"));
        assertThat(log).anySatisfy(line -> assertThat(line).startsWith("backfill members: resuming after key [3000] (3000 rows done so far)"));
        assertThat(db.queryLong("SELECT count(*) FROM members WHERE n <> 1")).isZero();
        assertThat(db.queryString("SELECT string_agg(success::text, ',') FROM flyway_schema_history WHERE version = '2'")).isEqualTo("true");
    }

    @Test
    void aBackfillWhoseDefinitionFailedIsRunAgainOnceFixed(TestDatabase db) throws Exception {
        Map<String, String> config = config(db, "classpath:dev/zdm/flyway/backfill/definition");
        dev.zdm.flyway.backfill.definition.V2__Fill_notes.broken = true;
        try {
            assertThatThrownBy(() -> flyway(config).migrate())
                    .hasMessageContaining("Message    : Migration dev.zdm.flyway.backfill.definition.V2__Fill_notes: backfill() failed:"
                            + " Backfill.set(\"body = ''; DROP TABLE notes\") contains ';'")
                    .hasMessageContaining("run migrate again")
                    .hasMessageContaining("change its definition")
                    .hasMessageNotContaining("continues from its checkpoint");
            assertThat(db.queryString("SELECT success::text FROM flyway_schema_history WHERE version = '2'")).isEqualTo("false");

            dev.zdm.flyway.backfill.definition.V2__Fill_notes.broken = false;
            assertThat(flyway(config).migrate().migrationsExecuted).isEqualTo(1);
        } finally {
            dev.zdm.flyway.backfill.definition.V2__Fill_notes.broken = true;
        }
        assertThat(db.queryLong("SELECT count(*) FROM notes WHERE body IS NULL")).isZero();
    }

    @Test
    void aBackfillThatMovesItsOwnKeyIsRefusedWithWhatToChangeNotWithRunItAgain(TestDatabase db) throws Exception {
        Map<String, String> config = config(db, "classpath:dev/zdm/flyway/backfill/definition");
        dev.zdm.flyway.backfill.definition.V2__Fill_notes.broken = false;
        dev.zdm.flyway.backfill.definition.V2__Fill_notes.movesItsKey = true;
        try {
            assertThatThrownBy(() -> flyway(config).migrate())
                    .hasMessageContaining("assigns the key column \"id\"")
                    .hasMessageContaining("Nothing of this backfill was run: change its definition as described")
                    .hasMessageNotContaining("continues from its checkpoint");
            assertThat(db.queryLong("SELECT count(*) FROM notes WHERE id > 1000")).isZero();

            dev.zdm.flyway.backfill.definition.V2__Fill_notes.movesItsKey = false;
            assertThat(flyway(config).migrate().migrationsExecuted).isEqualTo(1);
        } finally {
            dev.zdm.flyway.backfill.definition.V2__Fill_notes.broken = true;
            dev.zdm.flyway.backfill.definition.V2__Fill_notes.movesItsKey = false;
        }
        assertThat(db.queryLong("SELECT count(*) FROM notes WHERE body IS NULL")).isZero();
    }

    @Test
    void aFailedMigrationThatIsNotAResumableBackfillStillNeedsRepair(TestDatabase db) throws Exception {
        Map<String, String> config = config(db, "classpath:dev/zdm/flyway/backfill/otherfailure");
        // The failure happens without flyway-zdm, so no statement progress makes it resumable either (see
        // ResumeNonTransactionalMigrationTest): only a backfill checkpoint could, and these ids merely look alike.
        Map<String, String> plain = new java.util.HashMap<>(config);
        plain.put("flyway.zdm.enabled", "false");
        plain.put("flyway.postgresql.transactional.lock", "false");
        assertThatThrownBy(() -> flyway(plain).migrate()).hasStackTraceContaining("missing_table");
        // unfinished checkpoints whose ids only look alike must not count
        db.execute("CREATE TABLE zdm_backfill_progress (backfill_id text PRIMARY KEY, target_table text NOT NULL, key_columns text[] NOT NULL,"
                        + " last_key text[], pass integer NOT NULL DEFAULT 1, rows_done bigint NOT NULL DEFAULT 0, rows_scanned bigint NOT NULL"
                        + " DEFAULT 0, batches bigint NOT NULL DEFAULT 0, state text NOT NULL, statement text NOT NULL, started_at timestamptz"
                        + " NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz, active_ms bigint"
                        + " NOT NULL DEFAULT 0, last_error text)",
                "INSERT INTO zdm_backfill_progress (backfill_id, target_table, key_columns, state, statement) VALUES"
                        + " ('V1__index_on_missing_table.sqlx', 't', '{id}', 'failed', 'x'), ('V1__index_on_missing', 't', '{id}', 'running', 'x')");

        assertThatThrownBy(() -> flyway(config).migrate()).hasStackTraceContaining("Detected failed migration to version 1");
        assertThat(db.queryString("SELECT success::text FROM flyway_schema_history WHERE version = '1'")).isEqualTo("false");
    }

    @Test
    void aSqlScriptCheckpointIdWithItsOrdinalMakesTheFailedRowResumable(TestDatabase db) throws Exception {
        Map<String, String> config = config(db, "classpath:dev/zdm/flyway/backfill/otherfailure");
        assertThatThrownBy(() -> flyway(config).migrate()).hasStackTraceContaining("missing_table");
        db.execute("CREATE TABLE missing_table (x int)");
        try (var c = db.connect()) {
            dev.zdm.core.backfill.BackfillCheckpoints.ensureTable(c, "public");
        }
        db.execute("INSERT INTO zdm_backfill_progress (backfill_id, target_table, key_columns, state, statement) VALUES"
                + " ('V1__index_on_missing_table.sql#1', 't', '{id}', 'failed', 'x')");

        assertThat(flyway(config).migrate().migrationsExecuted).isEqualTo(1);
        assertThat(db.queryString("SELECT string_agg(success::text, ',') FROM flyway_schema_history WHERE version = '1'")).isEqualTo("true");
    }
}
