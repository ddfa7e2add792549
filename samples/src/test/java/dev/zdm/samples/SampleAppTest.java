package dev.zdm.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

@PostgresTest
class SampleAppTest {

    @Test
    void appliesTheSampleMigrationsAndReportsThem(TestDatabase db) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        MigrateResult first = SampleApp.migrate(db.jdbcUrl(), db.user(), db.password(), db.name(), out);
        MigrateResult second = SampleApp.migrate(db.jdbcUrl(), db.user(), db.password(), db.name(), out);

        assertThat(first.migrationsExecuted).isEqualTo(9);
        assertThat(db.queryLong("SELECT count(*) FROM pg_index WHERE indexrelid = 'orders_status_idx'::regclass AND indisvalid")).isEqualTo(1);
        assertThat(second.migrationsExecuted).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM users WHERE email_verified IS NULL")).isZero();
        assertThat(db.queryString("SELECT is_nullable FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'email_verified'"))
                .isEqualTo("NO");
        assertThat(db.queryLong("SELECT count(*) FROM orders WHERE total_eur IS NULL")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM zdm_backfill_progress WHERE state = 'done'")).isEqualTo(2);
        assertThat(db.queryLong("SELECT count(*) FROM orders")).isEqualTo(5000);
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("Applied " + first.migrationsExecuted + " migration(s)").contains("users").contains("orders")
                .contains("nothing pending").contains("flyway-zdm extension: active").contains("1000 rows")
                .contains("db.migration.V6__Backfill_email_verified").contains("V9__backfill_orders_total_eur.sql#");
    }
}
