package dev.zdm.flyway.backfill;

import static dev.zdm.flyway.backfill.FlywayBackfillTests.config;
import static dev.zdm.flyway.backfill.FlywayBackfillTests.flyway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.flyway.CapturedLog;
import dev.zdm.flyway.api.ZdmConfigurationException;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The issue's example migration, unchanged, run by plain Flyway with flyway-zdm on the classpath. */
@PostgresTest
class BatchedBackfillMigrationTest {

    @BeforeEach
    void emptySchema(TestDatabase db) throws Exception {
        FlywayBackfillTests.emptySchema(db);
    }

    @Test
    void theIssueExampleBackfillsEveryRowAndReportsProgress(TestDatabase db) throws Exception {
        Map<String, String> config = config(db, "classpath:db/migration");
        config.put("flyway.zdm.backfill.progressInterval", "1ms");
        config.put("flyway.zdm.backfill.targetBatchDuration", "50ms");
        MigrateResult result;
        List<String> log;
        try (CapturedLog captured = new CapturedLog("dev.zdm")) {
            result = flyway(config).migrate();
            log = captured.messages();
        }

        assertThat(result.migrationsExecuted).isEqualTo(3);
        assertThat(db.queryLong("SELECT count(*) FROM users WHERE email_verified IS NULL")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM users WHERE email_verified")).isEqualTo(300);
        assertThat(db.queryString("SELECT type || ' ' || script || ' ' || success FROM flyway_schema_history WHERE version = '3'"))
                .isEqualTo("JDBC db.migration.V3__Backfill_email_verified true");
        assertThat(db.queryString("SELECT state || ' ' || rows_done FROM zdm_backfill_progress"
                + " WHERE backfill_id = 'db.migration.V3__Backfill_email_verified'")).isEqualTo("done 29700");
        assertThat(log).anySatisfy(line -> assertThat(line)
                .matches("backfill users: \\d+/\\d+ rows \\(\\d+%\\), \\d+ rows/s, eta \\S+, batch \\d+"));
        assertThat(log).anySatisfy(line -> assertThat(line).startsWith("backfill users: done, 29700 rows updated in ")
                .endsWith("no row matches the predicate any more"));
        assertThat(log).anySatisfy(line -> assertThat(line).contains("backfill.targetBatchDuration=50ms")
                .contains("backfill.lockTimeout=200ms"));
    }

    @Test
    void worksUnderFlywaysTransactionalAdvisoryLockToo(TestDatabase db) throws Exception {
        Map<String, String> config = config(db, "classpath:db/migration");
        config.remove("flyway.postgresql.transactional.lock");
        assertThat(flyway(config).migrate().migrationsExecuted).isEqualTo(3);
        assertThat(db.queryLong("SELECT count(*) FROM users WHERE email_verified IS NULL")).isZero();
    }

    @Test
    void aSecondMigrateHasNothingToDo(TestDatabase db) {
        Map<String, String> config = config(db, "classpath:db/migration");
        flyway(config).migrate();
        assertThat(flyway(config).migrate().migrationsExecuted).isZero();
    }

    @Test
    void aBadBackfillSettingStopsTheCommandNamingIt(TestDatabase db) throws Exception {
        Map<String, String> config = config(db, "classpath:db/migration");
        config.put("flyway.zdm.backfill.maxRetries", "many");
        assertThatThrownBy(() -> flyway(config).migrate())
                .hasRootCauseInstanceOf(ZdmConfigurationException.class)
                .hasMessageContaining("Invalid value for flyway.zdm.backfill.maxRetries: 'many' must be a whole number");
        config.remove("flyway.zdm.backfill.maxRetries");
        config.put("flyway.zdm.backfill.lockTimeOut", "1s");
        assertThatThrownBy(() -> flyway(config).migrate())
                .hasMessageContaining("Unknown flyway-zdm setting: flyway.zdm.backfill.lockTimeOut")
                .hasMessageContaining("Did you mean flyway.zdm.backfill.lockTimeout?");
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isZero();
    }
}
