package dev.zdm.flyway.locksafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * A non-transactional migration that fails half-way is continued by the next migrate once the cause is fixed:
 * no {@code flyway repair}, and the statement that was already applied is skipped instead of failing with
 * "already exists" (plain Flyway would demand a repair, then fail on it).
 */
@PostgresTest
class ResumeNonTransactionalMigrationTest {

    @Test
    void theNextMigrateSkipsWhatWasAppliedAndFinishesWithoutRepair(TestDatabase db) throws Exception {
        // Column b is missing at first, so the second of the three index builds fails.
        db.execute("DROP TABLE IF EXISTS public.parts", "CREATE TABLE public.parts (id int PRIMARY KEY, a int, c int)",
                "INSERT INTO public.parts SELECT g, g, g FROM generate_series(1, 1000) g");
        FlywayRun run = FlywayRun.of(db, "resume-statements", "h_resume");

        assertThatThrownBy(run::migrate).hasMessageContaining("column \"b\" does not exist");
        assertThat(db.queryLong("SELECT count(*) FROM h_resume.flyway_schema_history WHERE NOT success")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'parts_a_idx'")).isEqualTo(1);

        db.execute("ALTER TABLE public.parts ADD COLUMN b int");
        MigrateResult second = run.migrate();

        assertThat(second.migrationsExecuted).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE c.relname IN ('parts_a_idx', 'parts_b_idx', 'parts_c_idx') AND i.indisvalid")).isEqualTo(3);
        assertThat(db.queryLong("SELECT count(*) FROM h_resume.flyway_schema_history WHERE NOT success")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM h_resume.zdm_statement_progress")).isZero();
    }

    @Test
    void withTheExtensionOffFlywayStillDemandsARepair(TestDatabase db) throws Exception {
        db.execute("DROP TABLE IF EXISTS public.parts", "CREATE TABLE public.parts (id int PRIMARY KEY, a int, c int)");
        FlywayRun run = FlywayRun.of(db, "resume-statements", "h_plain").set("flyway.zdm.enabled", "false")
                .set("flyway.postgresql.transactional.lock", "false"); // else plain Flyway hangs on CONCURRENTLY
        assertThatThrownBy(run::migrate).hasMessageContaining("column \"b\" does not exist");
        db.execute("ALTER TABLE public.parts ADD COLUMN b int");
        assertThatThrownBy(run::migrate).hasMessageContaining("repair");
    }
}
