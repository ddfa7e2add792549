package dev.zdm.benchmarks;

import dev.zdm.test.DatabaseLifecycle;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.server.PostgresServer;
import dev.zdm.test.server.PostgresServers;

/**
 * Where benchmarks run: the same server selection as the tests (ZDM_TEST_JDBC_URL, else Testcontainers,
 * else embedded PostgreSQL), one fresh database per benchmark, dropped afterwards.
 */
public final class BenchmarkContext {
    private final PostgresServer server;

    BenchmarkContext(PostgresServer server) {
        this.server = server;
    }

    public PostgresServer server() {
        return server;
    }

    /** A new empty database; drop it with {@link #drop(TestDatabase)}. */
    public TestDatabase newDatabase() {
        return DatabaseLifecycle.create(server);
    }

    public void drop(TestDatabase db) {
        DatabaseLifecycle.drop(server, db.name());
    }

    static BenchmarkContext create() {
        return new BenchmarkContext(PostgresServers.shared());
    }
}
