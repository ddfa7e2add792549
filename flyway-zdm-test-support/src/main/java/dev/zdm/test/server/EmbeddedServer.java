package dev.zdm.test.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/** A real PostgreSQL started from the zonky binaries on the classpath (no Docker, no local install). */
final class EmbeddedServer implements PostgresServer {
    private final EmbeddedPostgres postgres;

    private EmbeddedServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedServer start() {
        return start(Map.of());
    }

    /** As {@link #start()}, with {@code extraConfig} (postgresql.conf settings) added or overriding the defaults. */
    static EmbeddedServer start(Map<String, String> extraConfig) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Enough connections for lock tests that hold several sessions at once.
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off");
            extraConfig.forEach(builder::setServerConfig);
            return new EmbeddedServer(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("Could not start embedded PostgreSQL: " + e.getMessage()
                    + ". Set ZDM_TEST_JDBC_URL to use an existing server instead.", e);
        }
    }

    @Override public String kind() { return "embedded"; }
    @Override public String host() { return "localhost"; }
    @Override public int port() { return postgres.getPort(); }
    @Override public String user() { return "postgres"; }
    @Override public String password() { return null; }
    @Override public String adminDatabase() { return "postgres"; }

    @Override
    public void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            // The JVM is exiting; the data directory is a temp dir zonky removes on next start.
        }
    }
}
