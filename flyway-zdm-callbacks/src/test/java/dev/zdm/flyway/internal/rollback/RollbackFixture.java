package dev.zdm.flyway.internal.rollback;

import dev.zdm.test.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Migration files in a folder of the test's own and a history schema of its own, with flyway-zdm on the class path. */
final class RollbackFixture {
    private final TestDatabase db;
    private final Path dir;
    private final String schema;
    private final Map<String, String> settings = new HashMap<>();

    RollbackFixture(TestDatabase db, Path dir, String schema) throws IOException {
        this.db = db;
        this.dir = dir;
        this.schema = schema;
        Files.createDirectories(dir);
    }

    RollbackFixture write(String file, String sql) throws IOException {
        Files.writeString(dir.resolve(file), sql, StandardCharsets.UTF_8);
        return this;
    }

    RollbackFixture set(String key, String value) {
        settings.put(key, value);
        return this;
    }

    Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "filesystem:" + dir.toAbsolutePath());
        config.put("flyway.schemas", schema);
        config.putAll(settings);
        return config;
    }

    Flyway flyway() {
        return Flyway.configure().configuration(config()).load();
    }

    MigrateResult migrate() {
        return flyway().migrate();
    }

    MigrateResult migrate(String target) {
        return Flyway.configure().configuration(config()).target(target).load().migrate();
    }

    String schema() {
        return schema;
    }

    /** The successful versions in the history, in rank order: {@code 1,2,3}. */
    String history() throws SQLException {
        return db.queryString("SELECT coalesce(string_agg(version, ',' ORDER BY installed_rank), '') FROM " + schema
                + ".flyway_schema_history WHERE success AND version IS NOT NULL");
    }

    /**
     * The schema's catalog as text: every column (type, NOT NULL, default), index (definition, valid) and constraint
     * (definition, validated) of its tables, flyway-zdm's and Flyway's own tables left out.
     */
    String catalog() throws SQLException {
        String tables = "c.relnamespace = '" + schema + "'::regnamespace AND c.relname NOT LIKE 'zdm\\_%' AND c.relname <> 'flyway_schema_history'";
        return db.queryString("SELECT concat_ws(E'\\n', "
                + "(SELECT string_agg(c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull"
                + " THEN ' not null' ELSE '' END || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), ''), E'\\n' ORDER BY c.relname, a.attnum)"
                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE " + tables + " AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped), "
                + "(SELECT string_agg(pg_get_indexdef(i.indexrelid) || CASE WHEN i.indisvalid THEN '' ELSE ' INVALID' END, E'\\n' ORDER BY 1)"
                + " FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE " + tables + "), "
                + "(SELECT string_agg(c.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid) || CASE WHEN k.convalidated THEN ''"
                + " ELSE ' NOT VALID' END, E'\\n' ORDER BY 1) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid WHERE " + tables + "))");
    }
}
