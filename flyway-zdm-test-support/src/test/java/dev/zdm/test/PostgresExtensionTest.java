package dev.zdm.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.zdm.test.server.PostgresServers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

@PostgresTest
class PostgresExtensionTest {

    @Test
    void givesAnEmptyDatabaseOfItsOwn(TestDatabase db) throws Exception {
        assertThat(db.name()).startsWith("zdm_t_");
        assertThat(db.queryString("SELECT current_database()")).isEqualTo(db.name());
        assertThat(db.queryLong("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')")).isZero();
    }

    @Test
    void theSameDatabaseForEveryTestOfTheClass(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE IF NOT EXISTS shared_marker (id int)");
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'shared_marker'")).isEqualTo(1);
    }

    @Test
    void dataSourceAndUrlReachTheSameDatabase(TestDatabase db) throws Exception {
        try (var c = db.dataSource().getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(db.name());
        }
        assertThat(db.jdbcUrl()).endsWith("/" + db.name()).doesNotContain("password");
    }

    @Test
    void embeddedAndContainerServersRunTheRequestedMajorVersion(TestDatabase db) throws Exception {
        if (!db.server().kind().equals("external")) {
            assertThat(db.serverMajorVersion()).isEqualTo(PostgresServers.requestedMajorVersion());
        } else {
            assertThat(db.serverMajorVersion()).isGreaterThanOrEqualTo(12);
        }
    }

    @Nested
    class NestedClasses {
        @Test
        void shareTheOuterClassDatabase(TestDatabase db) throws Exception {
            assertThat(db.queryString("SELECT current_database()")).isEqualTo(db.name());
        }
    }

    /** Runs a class through the JUnit engine, then checks that its database is gone. */
    @Test
    void dropsTheDatabaseAfterTheClass(TestDatabase db) throws Exception {
        Probe.seen.clear();
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(Probe.class)).execute()
                .testEvents().assertStatistics(stats -> stats.succeeded(2));

        assertThat(Probe.seen).hasSize(2);
        assertThat(Probe.seen.get(0)).isEqualTo(Probe.seen.get(1)).isNotEqualTo(db.name());
        assertThat(db.queryLong("SELECT count(*) FROM pg_database WHERE datname = '" + Probe.seen.get(0) + "'")).isZero();
    }

    @PostgresTest
    static class Probe {
        static final List<String> seen = new ArrayList<>();

        @Test
        void first(TestDatabase db) {
            seen.add(db.name());
        }

        @Test
        void second(TestDatabase db) {
            seen.add(db.name());
        }
    }
}
