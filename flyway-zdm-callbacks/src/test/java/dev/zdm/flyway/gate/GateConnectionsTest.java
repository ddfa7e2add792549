package dev.zdm.flyway.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrate-time gate finds the pending migrations without a nested Flyway {@code info()}: it needs no more
 * pooled connections than plain Flyway, and the user's info callbacks do not fire during migrate.
 */
@PostgresTest
class GateConnectionsTest {

    private static Path migrations(Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__create.sql"), "CREATE TABLE pool_t (id bigint PRIMARY KEY, v text);");
        Files.writeString(dir.resolve("V2__index.sql"), "CREATE INDEX pool_t_v ON pool_t (v);");
        return dir;
    }

    private static HikariDataSource pool(TestDatabase db, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(2000);
        return new HikariDataSource(config);
    }

    @Test
    void aPoolOfTwoConnectionsIsEnoughAsForPlainFlyway(TestDatabase db, @TempDir Path dir) throws Exception {
        Path m = migrations(dir);
        try (HikariDataSource pool = pool(db, 2)) {
            Flyway flyway = Flyway.configure().dataSource(pool).locations("filesystem:" + m).schemas("pool2").load();
            assertThat(flyway.migrate().migrationsExecuted).isEqualTo(2);
            assertThat(flyway.migrate().migrationsExecuted).isZero();
        }
    }

    /**
     * Plain Flyway 13.12 migrates PostgreSQL on one connection. The extension adds none: it listens to no event for
     * which Flyway opens an "event connection" (BEFORE_MIGRATE, AFTER_MIGRATE), and its lint gate reads the pending
     * migrations on the migration connection.
     */
    @Test
    void migrateOpensOneConnectionAsPlainFlywayDoes(TestDatabase db, @TempDir Path dir) throws Exception {
        Path m = migrations(dir);
        java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
        try (HikariDataSource pool = pool(db, 4)) {
            javax.sql.DataSource counting = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getConnection")) {
                            opened.incrementAndGet();
                        }
                        try {
                            return method.invoke(pool, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            Flyway flyway = Flyway.configure().dataSource(counting).locations("filesystem:" + m).schemas("oneconn").load();
            assertThat(flyway.migrate().migrationsExecuted).isEqualTo(2);
            assertThat(opened.get()).as("connections taken by a migrate of two migrations").isEqualTo(1);
            // a database in use (the gate lints what is pending) with one more migration
            Files.writeString(m.resolve("V3__more.sql"), "ALTER TABLE pool_t ADD COLUMN w text;");
            opened.set(0);
            assertThat(flyway.migrate().migrationsExecuted).isEqualTo(1);
            assertThat(opened.get()).as("connections taken by a gated migrate").isEqualTo(1);
            opened.set(0);
            assertThat(flyway.migrate().migrationsExecuted).isZero();
            assertThat(opened.get()).as("connections taken by a migrate with nothing pending").isEqualTo(1);
        }
    }

    @Test
    void theUsersInfoCallbacksDoNotFireDuringMigrate(TestDatabase db, @TempDir Path dir) throws Exception {
        Path m = migrations(dir);
        List<Event> seen = Collections.synchronizedList(new ArrayList<>());
        Callback counting = new Callback() {
            @Override
            public boolean supports(Event event, Context context) {
                return true;
            }

            @Override
            public boolean canHandleInTransaction(Event event, Context context) {
                return true;
            }

            @Override
            public void handle(Event event, Context context) {
                seen.add(event);
            }

            @Override
            public String getCallbackName() {
                return "counting";
            }
        };
        Flyway flyway = Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("filesystem:" + m)
                .schemas("infocb").callbacks(counting).load();
        assertThat(flyway.migrate().migrationsExecuted).isEqualTo(2);
        assertThat(seen).contains(Event.BEFORE_MIGRATE, Event.AFTER_MIGRATE).doesNotContain(Event.BEFORE_INFO, Event.AFTER_INFO);
    }
}
