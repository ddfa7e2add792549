package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SQL form of a batched backfill: an UPDATE preceded by {@code -- zdm:batched} in a plain SQL migration
 * runs through the resumable batch engine, outside a transaction, with Flyway's default settings.
 */
@PostgresTest
class BatchedSqlMigrationTest {

    @BeforeEach
    void table(TestDatabase db) throws Exception {
        db.execute("DROP SCHEMA IF EXISTS h CASCADE", "DROP TABLE IF EXISTS public.items",
                "CREATE TABLE public.items (id bigint PRIMARY KEY, divisor int NOT NULL DEFAULT 1, flag boolean, ratio int,"
                        + " touched int NOT NULL DEFAULT 0)",
                "INSERT INTO public.items (id) SELECT g FROM generate_series(1, 20000) g");
    }

    private static Flyway flyway(TestDatabase db, String location, String... extra) {
        Map<String, String> config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "classpath:db/batched-sql/" + location);
        config.put("flyway.schemas", "h");
        for (int i = 0; i < extra.length; i += 2) {
            config.put(extra[i], extra[i + 1]);
        }
        return Flyway.configure().configuration(config).load();
    }

    @Test
    void aBatchedUpdateRunsInBatchesWithACheckpointAndTouchesEveryRowOnce(TestDatabase db) throws Exception {
        MigrateResult result = flyway(db, "ok").migrate();

        assertThat(result.migrationsExecuted).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM public.items WHERE flag IS NULL")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM public.items WHERE touched <> 1")).isZero();
        assertThat(db.queryString("SELECT backfill_id || ' ' || state FROM h.zdm_backfill_progress"))
                .as("the checkpoint id is the script and the statement's fingerprint").matches("V1__backfill_flag\\.sql#[0-9a-f]{16} done");
        assertThat(db.queryLong("SELECT batches FROM h.zdm_backfill_progress")).isGreaterThanOrEqualTo(20);
    }

    @Test
    void aFailedBatchedUpdateContinuesOnTheNextMigrateWithoutRepairAndWithoutRedoingRows(TestDatabase db) throws Exception {
        db.execute("UPDATE public.items SET divisor = 0 WHERE id = 12345");

        assertThatThrownBy(() -> flyway(db, "resume").migrate())
                .hasMessageContaining("V1__backfill_ratio.sql")
                .hasMessageContaining("division by zero");
        long doneBefore = db.queryLong("SELECT count(*) FROM public.items WHERE ratio IS NOT NULL");
        assertThat(doneBefore).isBetween(10_000L, 12_344L);

        db.execute("UPDATE public.items SET divisor = 4 WHERE id = 12345");
        MigrateResult second = flyway(db, "resume").migrate();

        assertThat(second.migrationsExecuted).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM public.items WHERE ratio IS NULL")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM public.items WHERE touched <> 1"))
                .as("rows done before the failure were not processed again").isZero();
        assertThat(db.queryLong("SELECT count(*) FROM h.flyway_schema_history WHERE NOT success")).isZero();
    }

    @Test
    void withFlywaysMixedSettingABatchedUpdateMayFollowATransactionalStatement(TestDatabase db) throws Exception {
        assertThatThrownBy(() -> flyway(db, "mixed").migrate())
                .hasMessageContaining("mixed");
        MigrateResult result = flyway(db, "mixed", "flyway.mixed", "true").migrate();
        assertThat(result.migrationsExecuted).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM public.items WHERE note IS NULL")).isZero();
    }

    @Test
    void disabledTheDirectiveIsJustACommentAndTheUpdateRunsAsOneStatement(TestDatabase db) throws Exception {
        MigrateResult result = flyway(db, "ok", "flyway.zdm.enabled", "false").migrate();
        assertThat(result.migrationsExecuted).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM public.items WHERE flag IS NULL")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'zdm_backfill_progress' AND schemaname = 'h'")).isZero();
    }
}
