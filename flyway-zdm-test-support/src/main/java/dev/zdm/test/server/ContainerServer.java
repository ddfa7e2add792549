package dev.zdm.test.server;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL in a Testcontainers container, used when a Docker engine answers. */
final class ContainerServer implements PostgresServer {
    private final PostgreSQLContainer container;

    private ContainerServer(PostgreSQLContainer container) {
        this.container = container;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static ContainerServer start(int majorVersion) {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:" + majorVersion)
                .withCommand("postgres", "-c", "max_connections=200", "-c", "fsync=off");
        container.start();
        return new ContainerServer(container);
    }

    @Override public String kind() { return "container"; }
    @Override public String host() { return container.getHost(); }
    @Override public int port() { return container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT); }
    @Override public String user() { return container.getUsername(); }
    @Override public String password() { return container.getPassword(); }
    @Override public String adminDatabase() { return container.getDatabaseName(); }
    @Override public void stop() { container.stop(); }
}
