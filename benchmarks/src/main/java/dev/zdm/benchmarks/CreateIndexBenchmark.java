package dev.zdm.benchmarks;

import dev.zdm.core.ddl.SafeDdl;
import dev.zdm.test.TestDatabase;
import java.sql.SQLException;

/**
 * {@code CREATE INDEX} (SHARE lock: every write waits for the whole build) against flyway-zdm's
 * {@code CREATE INDEX CONCURRENTLY} (writes go on; invalid-index recovery, lock-safe) on a text column, under write load.
 */
public final class CreateIndexBenchmark extends PlainVsSafe {

    public CreateIndexBenchmark() {
        super("create-index", "writer max/p99 latency and build time: CREATE INDEX vs flyway-zdm's CREATE INDEX CONCURRENTLY, "
                + "under write load", "items", "CREATE INDEX", "flyway-zdm: CREATE INDEX CONCURRENTLY", "build s");
    }

    @Override
    void create(TestDatabase db, String table, int rows) throws SQLException {
        db.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, n int NOT NULL, email text NOT NULL)",
                "INSERT INTO " + table + " SELECT g, g, md5(g::text) || '@example.com' FROM generate_series(1, " + rows + ") g");
    }

    @Override
    String write(String table, int rows) {
        return "UPDATE " + table + " SET n = n + 1 WHERE id = (SELECT 1 + (random() * " + (rows - 1) + ")::int)";
    }

    @Override
    String plainSql(String table) {
        return "CREATE INDEX " + table + "_email_idx ON " + table + " (email)";
    }

    @Override
    void safe(SafeDdl ddl, String table) throws Exception {
        ddl.execute("CREATE INDEX CONCURRENTLY " + table + "_email_idx ON " + table + " (email)");
    }

    @Override
    boolean done(TestDatabase db, String table) throws SQLException {
        return db.queryLong("SELECT count(*) FROM pg_index WHERE indisvalid AND indexrelid = '" + table + "_email_idx'::regclass") == 1;
    }

    @Override
    String subject(int rows) {
        return "An index on a text column (`md5 || '@example.com'`) of a " + rows + "-row table";
    }
}
