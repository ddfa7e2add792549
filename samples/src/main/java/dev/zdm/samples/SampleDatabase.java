package dev.zdm.samples;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/**
 * Where the sample runs: the server named by {@code ZDM_JDBC_URL} (credentials from
 * {@code ZDM_JDBC_USER} / {@code ZDM_JDBC_PASSWORD} or the URL), else a throw-away embedded PostgreSQL.
 */
public record SampleDatabase(String url, String user, String password, AutoCloseable owner) implements AutoCloseable {

    public static SampleDatabase fromEnvironment() throws IOException {
        String url = System.getenv("ZDM_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return new SampleDatabase(url, System.getenv("ZDM_JDBC_USER"), System.getenv("ZDM_JDBC_PASSWORD"), null);
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        return new SampleDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null, postgres);
    }

    /** The URL without its query string, which may carry a password. */
    public String safeDescription() {
        int query = url.indexOf('?');
        String bare = query < 0 ? url : url.substring(0, query);
        return owner != null ? "embedded PostgreSQL (" + bare + ")" : bare;
    }

    @Override
    public void close() throws Exception {
        if (owner != null) {
            owner.close();
        }
    }
}
