package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Boot's start-up migration with a background backfill ({@code -- zdm:batched key=id size=5000 background}) of many
 * rows: the application starts in about the time it takes without the backfill, and the {@link ZdmBackfillWorker} bean
 * finishes the job in the background while the application runs, every row exactly once. Rows: 200 000 by default;
 * {@code -Dzdm.bootRows=1000000} for the measurement of issue 14.
 */
@PostgresTest
class SpringBootBackgroundBackfillTest {
    private static final int ROWS = Integer.getInteger("zdm.bootRows", 200_000);

    @Configuration
    @EnableAutoConfiguration
    static class App {
        /** Started once Boot's migration ran; closed with the context (stops between batches). */
        @Bean(destroyMethod = "close")
        ZdmBackfillWorker backfillWorker(Flyway flyway, FlywayMigrationInitializer migrated) {
            return ZdmBackfillWorker.of(flyway).pollInterval(Duration.ofMillis(200)).name("boot-app").start();
        }
    }

    @Test
    void startUpDoesNotWaitForTheBackfillAndTheWorkerFinishesIt(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE public.boot_bg (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0)",
                "INSERT INTO public.boot_bg (id) SELECT generate_series(1, " + ROWS + ")", "ANALYZE public.boot_bg");
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        try {
            startAndClose(db, "classpath:db/bootplain", "boot_warmup"); // class loading, JIT: not measured
            long without = startAndClose(db, "classpath:db/bootplain", "boot_plain");
            long with;
            long backfillMillis;
            SpringApplication app = app(db, "classpath:db/bootbg", "boot_bg_history");
            long start = System.nanoTime();
            try (ConfigurableApplicationContext context = app.run()) {
                with = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(context.isActive()).isTrue();
                assertThat(db.queryString("SELECT string_agg(version || ':' || success, ',') FROM boot_bg_history.flyway_schema_history"))
                        .isEqualTo("1:true");
                backfillMillis = awaitDone(db, start);
                assertThat(context.getBean(ZdmBackfillWorker.class).isRunning()).isTrue();
            }
            System.out.printf("Spring Boot start-up: %d ms without a backfill, %d ms with a background backfill of %d rows; "
                    + "the worker finished it %d ms after start-up began%n", without, with, ROWS, backfillMillis);
            assertThat(with).as("start-up with the background backfill (without: %d ms)", without).isLessThan(Math.max(2 * without, without + 1500));
        } finally {
            System.clearProperty("org.springframework.boot.logging.LoggingSystem");
        }
        assertThat(db.queryLong("SELECT count(*) FROM public.boot_bg WHERE n <> 1")).isZero();
        assertThat(db.queryString("SELECT state || ' ' || rows_done || ' ' || runner FROM boot_bg_history.zdm_backfill_progress"))
                .isEqualTo("done " + ROWS + " boot-app");
    }

    private static long awaitDone(TestDatabase db, long start) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!"done".equals(db.queryString("SELECT state FROM boot_bg_history.zdm_backfill_progress"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the worker did not finish the backfill: "
                        + db.queryString("SELECT state || ' ' || rows_done FROM boot_bg_history.zdm_backfill_progress"));
            }
            Thread.sleep(50);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static long startAndClose(TestDatabase db, String location, String historySchema) {
        SpringApplication app = app(db, location, historySchema);
        long start = System.nanoTime();
        try (ConfigurableApplicationContext context = app.run()) {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
    }

    private static SpringApplication app(TestDatabase db, String location, String historySchema) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", db.jdbcUrl());
        properties.put("spring.datasource.username", db.user());
        if (db.password() != null) {
            properties.put("spring.datasource.password", db.password());
        }
        properties.put("spring.flyway.locations", location);
        properties.put("spring.flyway.schemas", historySchema);
        SpringApplication app = new SpringApplication(App.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(properties);
        return app;
    }
}
