package dev.zdm.benchmarks;

import dev.zdm.core.ddl.QualifiedName;
import dev.zdm.core.ddl.SafeDdl;
import dev.zdm.test.TestDatabase;
import java.sql.SQLException;

/**
 * {@code ALTER TABLE ... ALTER COLUMN ... SET NOT NULL} (ACCESS EXCLUSIVE for a full scan: every read and write waits)
 * against flyway-zdm's path ({@code CHECK (col IS NOT NULL) NOT VALID}, {@code VALIDATE} under SHARE UPDATE
 * EXCLUSIVE, then {@code SET NOT NULL} without a scan; on PostgreSQL 18 a NOT NULL constraint NOT VALID), under write
 * load. The stall is the writers' max latency and longest lock wait.
 */
public final class SetNotNullBenchmark extends PlainVsSafe {

    public SetNotNullBenchmark() {
        super("set-not-null", "writer stall: SET NOT NULL vs flyway-zdm's check-constraint path, under write load", "orders",
                "SET NOT NULL", "flyway-zdm: CHECK NOT VALID, VALIDATE, SET NOT NULL", "took s");
    }

    @Override
    void create(TestDatabase db, String table, int rows) throws SQLException {
        db.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, user_id int, amount int, note text)",
                "INSERT INTO " + table + " SELECT g, g % 1000, g % 100, md5(g::text) FROM generate_series(1, " + rows + ") g");
    }

    @Override
    String write(String table, int rows) {
        return "UPDATE " + table + " SET amount = amount + 1 WHERE id = (SELECT 1 + floor(random() * " + rows + ")::bigint)";
    }

    @Override
    String plainSql(String table) {
        return "ALTER TABLE " + table + " ALTER COLUMN amount SET NOT NULL";
    }

    @Override
    void safe(SafeDdl ddl, String table) throws Exception {
        ddl.setNotNull(QualifiedName.of(table), "amount");
    }

    @Override
    boolean done(TestDatabase db, String table) throws SQLException {
        return db.queryLong("SELECT count(*) FROM pg_attribute WHERE attname = 'amount' AND attnotnull AND attrelid = '"
                + table + "'::regclass") == 1;
    }

    @Override
    String subject(int rows) {
        return "`amount` of a " + rows + "-row table (no NULLs) made NOT NULL";
    }
}
