package dev.zdm.flyway.locksafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.core.state.StateMigrations;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/** The extension's tables through a real migrate: an 0.1.0 install is upgraded and resumed, a newer one refused. */
@PostgresTest
class ExtensionStateMigrateTest {

    @Test
    void anInstallLeftHalfAppliedBy010IsUpgradedAndItsMigrationContinued(TestDatabase db) throws Exception {
        db.execute("DROP TABLE IF EXISTS public.parts", "CREATE TABLE public.parts (id int PRIMARY KEY, a int, c int)",
                "INSERT INTO public.parts SELECT g, g, g FROM generate_series(1, 1000) g");
        FlywayRun run = FlywayRun.of(db, "resume-statements", "h_old");
        assertThatThrownBy(run::migrate).hasMessageContaining("column \"b\" does not exist");
        // back to the 0.1.0 layout, keeping what the failed run recorded
        db.execute("DROP TABLE h_old.zdm_state_version", "DROP TABLE h_old.zdm_phase_state",
                "ALTER TABLE h_old.zdm_backfill_progress DROP COLUMN spec");
        assertThat(db.queryLong("SELECT count(*) FROM h_old.zdm_statement_progress WHERE state = 'done'")).isEqualTo(1);

        db.execute("ALTER TABLE public.parts ADD COLUMN b int");
        MigrateResult second = run.migrate();

        assertThat(second.migrationsExecuted).isEqualTo(1);
        assertThat(db.queryLong("SELECT schema_version FROM h_old.zdm_state_version")).isEqualTo(StateMigrations.CURRENT);
        assertThat(db.queryLong("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "WHERE c.relname IN ('parts_a_idx', 'parts_b_idx', 'parts_c_idx') AND i.indisvalid")).isEqualTo(3);
        assertThat(db.queryLong("SELECT count(*) FROM h_old.flyway_schema_history WHERE NOT success")).isZero();
    }

    @Test
    void tablesWrittenByANewerFlywayZdmStopTheRunBeforeItTouchesAnything(TestDatabase db) throws Exception {
        db.execute("DROP TABLE IF EXISTS public.parts", "CREATE TABLE public.parts (id int PRIMARY KEY, a int, c int)");
        FlywayRun run = FlywayRun.of(db, "resume-statements", "h_newer");
        assertThatThrownBy(run::migrate).hasMessageContaining("column \"b\" does not exist");
        db.execute("UPDATE h_newer.zdm_state_version SET schema_version = schema_version + 1, written_by = '9.0.0'",
                "ALTER TABLE public.parts ADD COLUMN b int");
        String progress = db.queryString("SELECT string_agg(t::text, ' | ' ORDER BY script, ordinal) FROM h_newer.zdm_statement_progress t");

        assertThatThrownBy(run::migrate)
                .hasMessageContaining("flyway-zdm's tables in schema h_newer are at state version " + (StateMigrations.CURRENT + 1)
                        + ", written by flyway-zdm 9.0.0")
                .hasMessageContaining("Upgrade flyway-zdm");
        assertThat(db.queryLong("SELECT count(*) FROM h_newer.flyway_schema_history WHERE NOT success")).as("failed row kept").isEqualTo(1);
        assertThat(db.queryString("SELECT string_agg(t::text, ' | ' ORDER BY script, ordinal) FROM h_newer.zdm_statement_progress t"))
                .isEqualTo(progress);
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'parts_b_idx'")).isZero();
    }
}
