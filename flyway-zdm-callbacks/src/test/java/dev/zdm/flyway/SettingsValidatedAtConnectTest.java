package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.ZdmError;
import dev.zdm.core.ZdmErrorCode;
import dev.zdm.flyway.api.ZdmConfigurationException;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every {@code flyway.zdm.*} value is checked when the command connects, before the first migration of the run:
 * a bad {@code backfill.*} value used to fail only when the backfill migration (V3 of db/migration) ran, after V1 and
 * V2 had been applied.
 */
@PostgresTest
class SettingsValidatedAtConnectTest {

    @BeforeEach
    void emptySchema(TestDatabase db) throws Exception {
        db.execute("DROP SCHEMA IF EXISTS public CASCADE", "CREATE SCHEMA public");
    }

    @Test
    void aZeroBackfillLockTimeoutRefusesMigrateBeforeTheFirstMigration(TestDatabase db) throws Exception {
        refused(db, "flyway.zdm.backfill.lockTimeout", "0")
                .hasMessageContaining("Invalid value for flyway.zdm.backfill.lockTimeout: '0' is refused: PostgreSQL reads"
                        + " lock_timeout 0 as no limit")
                .hasMessageContaining("environment variable FLYWAY_ZDM_BACKFILL_LOCK_TIMEOUT")
                .hasMessageContaining("Allowed: a duration such as 500ms, 2s, 5m or 1h, from 1ms to 1m");
    }

    @Test
    void aNegativeValueIsRefusedAsNegative(TestDatabase db) throws Exception {
        refused(db, "flyway.zdm.lockTimeout", "-1s")
                .hasMessageContaining("Invalid value for flyway.zdm.lockTimeout: '-1s' is negative")
                .hasMessageContaining("FLYWAY_ZDM_LOCK_TIMEOUT");
        refused(db, "flyway.zdm.backfill.maxRetries", "-3")
                .hasMessageContaining("Invalid value for flyway.zdm.backfill.maxRetries: '-3' is negative")
                .hasMessageContaining("a whole number from 0 to 1000");
    }

    @Test
    void anAbsurdValueIsRefusedNamingTheLargestAccepted(TestDatabase db) throws Exception {
        refused(db, "flyway.zdm.lockTimeout", "10h")
                .hasMessageContaining("Invalid value for flyway.zdm.lockTimeout: '10h' is more than the largest accepted value 10m")
                .hasMessageContaining("default 200ms");
        refused(db, "flyway.zdm.lockRetries", "100000")
                .hasMessageContaining("'100000' is more than the largest accepted value 1000");
    }

    @Test
    void aZeroIndexWaitTimeoutIsRefusedInsteadOfBecomingFiveMinutes(TestDatabase db) throws Exception {
        refused(db, "flyway.zdm.indexWaitTimeout", "0")
                .hasMessageContaining("Invalid value for flyway.zdm.indexWaitTimeout: '0' is refused: a build waiting without limit");
    }

    @Test
    void anEscalationCeilingBelowTheLockTimeoutIsRefused(TestDatabase db) throws Exception {
        Map<String, String> config = config(db);
        config.put("flyway.zdm.lockTimeout", "2s");
        config.put("flyway.zdm.lockTimeoutMax", "1s");
        assertRefusedBeforeAnything(db, config)
                .hasMessageContaining("Invalid value for flyway.zdm.lockTimeoutMax: '1s' is less than flyway.zdm.lockTimeout (2s)");
    }

    @Test
    void aBadLintValueIsRefusedAtConnectEvenWhenNoGateRuns(TestDatabase db) throws Exception {
        Map<String, String> config = config(db);
        config.put("flyway.zdm.lint.gate", "false");
        config.put("flyway.zdm.lint.since", "not-a-version");
        assertRefusedBeforeAnything(db, config)
                .hasMessageContaining("Invalid value for flyway.zdm.lint.since: 'not-a-version' must be a migration version");
    }

    @Test
    void zeroWhereItHasAMeaningIsAccepted(TestDatabase db) throws Exception {
        Map<String, String> config = config(db);
        config.put("flyway.zdm.statementTimeout", "0");
        config.put("flyway.zdm.indexBuildTimeout", "0");
        config.put("flyway.zdm.backfill.maxReplicationLag", "0");
        config.put("flyway.zdm.backfill.maxRetries", "0");
        config.put("flyway.zdm.lockRetries", "0");
        assertThat(Flyway.configure().configuration(config).load().migrate().migrationsExecuted).isEqualTo(3);
        assertThat(db.queryLong("SELECT count(*) FROM users WHERE email_verified IS NULL")).isZero();
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(TestDatabase db, String key, String value) throws Exception {
        Map<String, String> config = config(db);
        config.put(key, value);
        return assertRefusedBeforeAnything(db, config);
    }

    /** The command failed with a configuration error, and neither the history nor V1's table was created. */
    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefusedBeforeAnything(TestDatabase db, Map<String, String> config)
            throws Exception {
        Throwable thrown = null;
        try {
            Flyway.configure().configuration(config).load().migrate();
        } catch (RuntimeException e) {
            thrown = e;
        }
        assertThat(thrown).as("migrate was refused").isNotNull();
        Throwable root = thrown;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(root).isInstanceOf(ZdmConfigurationException.class);
        assertThat(((ZdmError) root).code()).isEqualTo(ZdmErrorCode.CONFIGURATION_INVALID);
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                .as("nothing applied: no flyway_schema_history, no users table of V1").isZero();
        return assertThat(root);
    }

    private static Map<String, String> config(TestDatabase db) {
        Map<String, String> config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        // V1 creates users, V2 adds a column, V3 (a Java BatchedBackfillMigration) backfills it.
        config.put("flyway.locations", "classpath:db/migration");
        return config;
    }
}
