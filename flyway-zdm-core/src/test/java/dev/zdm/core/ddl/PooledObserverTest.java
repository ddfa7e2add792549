package dev.zdm.core.ddl;

import static dev.zdm.core.ddl.DdlFixtures.fast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.core.lock.ConnectionSource;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The second connection that watches a concurrent build usually comes from the application's pool: after the build
 * (finished or failed) the pool's next user gets it back with its own application_name and autocommit. Before, the
 * watch set application_name at session level and never put it back.
 */
@PostgresTest
class PooledObserverTest {

    /** A pool of one: every open() hands out the same physical connection, and close() only gives it back. */
    private static ConnectionSource poolOfOne(Connection physical) {
        return () -> (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("close") ? null
                        : method.getName().equals("isClosed") ? physical.isClosed() : method.invoke(physical, args));
    }

    private static String applicationName(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW application_name")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void thePooledObserverGetsItsApplicationNameAndAutocommitBackAfterABuildAndAfterAFailedOne(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE pooled (id int, v int)", "INSERT INTO pooled SELECT g, g % 10 FROM generate_series(1, 1000) g");
        try (Connection pooled = db.connect(); Connection work = db.connect()) {
            try (Statement s = pooled.createStatement()) {
                s.execute("SET application_name = 'orders-service'");
            }
            pooled.setAutoCommit(false);
            pooled.commit();
            SafeDdl ddl = SafeDdl.on(work, poolOfOne(pooled), fast(), new RecordingReporter());

            ddl.createIndexConcurrently(IndexDefinition.on("pooled").columns("id").name("pooled_id_idx"));
            assertThat(applicationName(pooled)).isEqualTo("orders-service");
            assertThat(pooled.getAutoCommit()).isFalse();

            // duplicate values: the unique build fails
            assertThatThrownBy(() -> ddl.createIndexConcurrently(IndexDefinition.on("pooled").columns("v").unique().name("pooled_v_key")))
                    .isInstanceOf(SQLException.class);
            assertThat(applicationName(pooled)).isEqualTo("orders-service");
            assertThat(pooled.getAutoCommit()).isFalse();
        }
    }
}
