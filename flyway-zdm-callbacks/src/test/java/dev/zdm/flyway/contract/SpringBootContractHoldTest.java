package dev.zdm.flyway.contract;

import static dev.zdm.flyway.gate.GateFixture.migrations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.flyway.CapturedLog;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Boot's start-up migration with the extension: the application starts (migrate returns) having applied the
 * expand migration of its release, with the contract migration held back and logged; a later start with the operator's
 * confirmation (set through a {@link FlywayConfigurationCustomizer}) applies it.
 */
@PostgresTest
class SpringBootContractHoldTest {

    @Configuration
    @EnableAutoConfiguration
    static class App {
    }

    @Configuration
    @EnableAutoConfiguration
    static class ConfirmedApp {
        @Bean
        FlywayConfigurationCustomizer drained() {
            return flyway -> flyway.configuration(Map.of("flyway.zdm.confirmDrained", "2"));
        }
    }

    @Test
    void startUpAppliesTheExpandAndHoldsTheContractUntilConfirmed(TestDatabase db, @TempDir Path dir) throws Exception {
        Path m = migrations(dir, "V1__users.sql", "CREATE TABLE boot_users (id bigint PRIMARY KEY, name text);\n");
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        try {
            start(App.class, db, m); // release 1 on a new database: everything runs
            migrations(dir, "V2__full_name.sql", "-- zdm:phase=expand\nALTER TABLE boot_users ADD COLUMN full_name text;\n",
                    "V3__drop_name.sql", "-- zdm:phase=contract\nALTER TABLE boot_users DROP COLUMN name;\n");
            try (CapturedLog log = new CapturedLog("dev.zdm")) {
                start(App.class, db, m); // release 2 starts while release 1 instances may still run
                assertThat(log.messages()).anySatisfy(l -> assertThat(l).contains("holding back V3__drop_name.sql (contract)"));
            }
            assertThat(column(db, "full_name")).isTrue();
            assertThat(column(db, "name")).as("held back").isTrue();

            start(ConfirmedApp.class, db, m);
            assertThat(column(db, "name")).as("applied once confirmed").isFalse();
        } finally {
            System.clearProperty("org.springframework.boot.logging.LoggingSystem");
        }
    }

    private static void start(Class<?> app, TestDatabase db, Path migrations) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", db.jdbcUrl());
        properties.put("spring.datasource.username", db.user());
        if (db.password() != null) {
            properties.put("spring.datasource.password", db.password());
        }
        properties.put("spring.flyway.locations", "filesystem:" + migrations);
        SpringApplication application = new SpringApplication(app);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(properties);
        try (ConfigurableApplicationContext context = application.run()) {
            assertThat(context.isActive()).isTrue();
        }
    }

    private static boolean column(TestDatabase db, String name) throws Exception {
        return db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'boot_users' AND column_name = '"
                + name + "'") == 1;
    }
}
