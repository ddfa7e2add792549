package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import dev.zdm.test.concurrency.PgLocks;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Boot's start-up migration (Flyway auto-configuration over a HikariCP pool): the application only has
 * flyway-zdm-callbacks on its classpath, and its migrations run lock-safe. Here the ALTER waits behind a
 * reader at start-up, so it is retried; the CREATE INDEX CONCURRENTLY after it completes (plain Flyway hangs).
 */
@PostgresTest
class SpringBootStartupTest {

    @Configuration
    @EnableAutoConfiguration
    static class App {
    }

    @Test
    void theStartUpMigrationRunsLockSafeAndConcurrentlyCompletes(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE public.boot_accounts (id int PRIMARY KEY)", "INSERT INTO public.boot_accounts SELECT generate_series(1, 100)");
        Blocker reader = Blocker.openTransaction(db, "SELECT count(*) FROM public.boot_accounts");
        // Let the migration meet the reader at least once (it starts after Boot's context is up), then let it through.
        CompletableFuture<Void> released = CompletableFuture.runAsync(() -> {
            try (var observer = db.connect()) {
                PgLocks.await(observer, "public.boot_accounts", l -> !l.granted(), Duration.ofSeconds(60));
                Thread.sleep(700);
                reader.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", db.jdbcUrl());
        properties.put("spring.datasource.username", db.user());
        if (db.password() != null) {
            properties.put("spring.datasource.password", db.password());
        }
        properties.put("spring.flyway.locations", "classpath:db/boot");
        properties.put("spring.flyway.schemas", "boot_history");

        // Boot would reconfigure logback at start-up and drop the appender that reads our log.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        try (CapturedLog log = new CapturedLog("dev.zdm")) {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                SpringApplication app = new SpringApplication(App.class);
                app.setWebApplicationType(WebApplicationType.NONE);
                app.setDefaultProperties(properties);
                try (ConfigurableApplicationContext context = app.run()) {
                    assertThat(context.isActive()).isTrue();
                }
            });
            assertThat(log.messages()).anySatisfy(m -> assertThat(m).contains("flyway-zdm").contains(" active: "));
            assertThat(log.messages()).anySatisfy(m -> assertThat(m).contains("V1__add_column_and_index.sql").contains("attempt 1 rolled back"));
        } finally {
            System.clearProperty("org.springframework.boot.logging.LoggingSystem");
        }
        released.join();
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'boot_accounts' AND column_name = 'note'"))
                .isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM pg_index WHERE indexrelid = 'public.boot_accounts_note_idx'::regclass AND indisvalid"))
                .isEqualTo(1);
    }
}
