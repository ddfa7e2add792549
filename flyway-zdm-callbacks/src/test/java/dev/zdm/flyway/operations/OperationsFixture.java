package dev.zdm.flyway.operations;

import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;

/** The migrations folder {@code db/zdm/operations} (V1 tables, V2 an operation migration) and catalog probes. */
final class OperationsFixture {
    private OperationsFixture() {
    }

    static void emptySchema(TestDatabase db) throws Exception {
        db.execute("DROP SCHEMA IF EXISTS public CASCADE", "CREATE SCHEMA public");
    }

    static Flyway flyway(TestDatabase db, String... settings) {
        return Flyway.configure().configuration(config(db, settings)).load();
    }

    static Map<String, String> config(TestDatabase db, String... settings) {
        Map<String, String> config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "classpath:db/zdm/operations");
        config.put("flyway.postgresql.transactional.lock", "false");
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i], settings[i + 1]);
        }
        return config;
    }

    static boolean notNull(TestDatabase db, String table, String column) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT attnotnull FROM pg_attribute WHERE attrelid = to_regclass(?) AND attname = ?")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** {@code c:true} (type and validated) of the constraint, or null when there is none. */
    static String constraint(TestDatabase db, String name) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT contype::text || ':' || convalidated::text FROM pg_constraint WHERE conname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static boolean indexExists(TestDatabase db, String name) throws Exception {
        return db.queryLong("SELECT count(*) FROM pg_class WHERE relkind = 'i' AND relname = '" + name + "'") > 0;
    }

    static boolean validIndex(TestDatabase db, String name) throws Exception {
        return db.queryLong("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indisvalid AND c.relname = '"
                + name + "'") == 1;
    }

    /** Columns (NOT NULL), constraints (definition, validated) and indexes (definition, valid) of users and orders. */
    static String catalog(TestDatabase db) throws Exception {
        return db.queryString("SELECT string_agg(x, E'\\n' ORDER BY x) FROM ("
                + "SELECT 'column ' || attrelid::regclass || '.' || attname || ' not null ' || attnotnull FROM pg_attribute "
                + "WHERE attrelid IN ('users'::regclass, 'orders'::regclass) AND attnum > 0 AND NOT attisdropped "
                + "UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) "
                + "|| ' validated ' || convalidated FROM pg_constraint WHERE conrelid IN ('users'::regclass, 'orders'::regclass) "
                + "UNION ALL SELECT 'index ' || pg_get_indexdef(indexrelid) || ' valid ' || indisvalid FROM pg_index "
                + "WHERE indrelid IN ('users'::regclass, 'orders'::regclass)) s(x)");
    }
}
