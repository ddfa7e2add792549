package dev.zdm.test.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zdm.test.DatabaseLifecycle;
import dev.zdm.test.TestDatabase;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness on each kind of server in one run: an embedded server started here whatever the
 * selection says, and the ZDM_TEST_JDBC_URL server when that is set (.ci/run sets it when a server
 * answers on 127.0.0.1:5432; without one the external case is skipped and says why).
 */
class ServerKindsTest {
    private static PostgresServer embedded;

    @BeforeAll
    static void startEmbedded() {
        embedded = PostgresServers.startEmbedded();
    }

    @AfterAll
    static void stopEmbedded() {
        embedded.stop();
    }

    @Test
    void embeddedServer() throws Exception {
        assertThat(embedded.kind()).isEqualTo("embedded");
        assertThat(PostgresServers.serverMajorVersion(embedded)).isEqualTo(PostgresServers.requestedMajorVersion());
        createUseAndDrop(embedded);
    }

    @Test
    void externalServerFromZdmTestJdbcUrl() throws Exception {
        Optional<PostgresServer> external = PostgresServers.external();
        assumeTrue(external.isPresent(), "ZDM_TEST_JDBC_URL is not set: no external server to test against");
        assertThat(external.get().kind()).isEqualTo("external");
        createUseAndDrop(external.get());
    }

    private static void createUseAndDrop(PostgresServer server) throws Exception {
        TestDatabase db = DatabaseLifecycle.create(server);
        try {
            db.execute("CREATE TABLE t (id bigint PRIMARY KEY)", "INSERT INTO t SELECT generate_series(1, 10)");
            assertThat(db.queryLong("SELECT sum(id) FROM t")).isEqualTo(55);
        } finally {
            // A session left open must not stop the drop.
            var leftOpen = db.connect();
            DatabaseLifecycle.drop(server, db.name());
            assertThat(leftOpen.isValid(2)).isFalse();
            leftOpen.close();
        }
        try (var c = server.connectAdmin(); var ps = c.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
            ps.setString(1, db.name());
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }
}
