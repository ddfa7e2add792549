package dev.zdm.flyway.internal.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.flyway.ZdmCommands;
import dev.zdm.flyway.api.ZdmMigrationException;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key of Flyway 13.12's PostgreSQL advisory lock on a history table, as {@link FlywayHistoryLock} computes it: a
 * session holding it keeps {@code flyway migrate} (session-level and transactional lock alike) from starting, and a
 * running Flyway command keeps {@code zdm:rollback} from starting.
 */
@PostgresTest
class FlywayHistoryLockTest {

    @Test
    void theKeyIsFlywaysOwn(TestDatabase db, @TempDir Path dir) throws Exception {
        assertThat(FlywayHistoryLock.key("app", "flyway_schema_history")).isEqualTo(77431708279161L + "\"app\".\"flyway_schema_history\"".hashCode());
        for (String transactional : new String[] {"false", "true"}) {
            String schema = "locked_" + transactional;
            RollbackFixture m = new RollbackFixture(db, dir.resolve(transactional), schema).write("V1__t.sql", "CREATE TABLE t (id int);\n")
                    .set("flyway.postgresql.transactional.lock", transactional).set("flyway.zdm.keepTransactionalLock", transactional).set("flyway.baselineVersion", "0");
            m.flyway().baseline(); // the history table exists: migrate now locks it
            CompletableFuture<Integer> migrate;
            try (Connection holder = db.connect(); PreparedStatement ps = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
                ps.setLong(1, FlywayHistoryLock.key(schema, "flyway_schema_history"));
                ps.execute();
                migrate = CompletableFuture.supplyAsync(() -> m.migrate().migrationsExecuted);
                Thread.sleep(2500);
                assertThat(migrate).as("flyway migrate waits for the lock (transactional lock %s)", transactional).isNotDone();
                assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "' AND tablename = 't'")).isZero();
            }
            assertThat(migrate.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }

    @Test
    void rollbackWaitsForARunningFlywayCommandAndThenRefuses(TestDatabase db, @TempDir Path dir) throws Exception {
        RollbackFixture m = new RollbackFixture(db, dir, "busy_history")
                .write("V1__t.sql", "CREATE TABLE t (id int);\n-- zdm:rollback\n-- DROP TABLE t;\n");
        m.migrate();
        try (Connection holder = db.connect(); PreparedStatement ps = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
            ps.setLong(1, FlywayHistoryLock.key("busy_history", "flyway_schema_history"));
            ps.execute();
            assertThatThrownBy(() -> ZdmCommands.of(m.flyway()).rollback(RollbackOptions.defaults().withLockPatience(Duration.ofMillis(500))))
                    .isInstanceOf(ZdmMigrationException.class)
                    .hasMessageContaining("A Flyway command (migrate, repair, ...) holds Flyway's lock on the history \"busy_history\".\"flyway_schema_history\" (pid");
        }
        assertThat(m.history()).isEqualTo("1");
        assertThat(ZdmCommands.of(m.flyway()).rollback().versions()).containsExactly("1");
        assertThat(m.history()).isEmpty();
    }
}
