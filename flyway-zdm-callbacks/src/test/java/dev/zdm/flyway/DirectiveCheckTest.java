package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.flyway.api.ZdmLintGateException;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Directive mistakes refuse migrate before anything is applied on a database in use (a fresh one migrates as with
 * plain Flyway; {@code zdm:lint} reports the same as ZDM144), whatever lint.failOn says:
 * before, a misspelt or detached {@code -- zdm:batched} ran the UPDATE as one statement, and {@code size=0} or a
 * directive on an INSERT failed mid-run after earlier migrations were applied.
 */
@PostgresTest
class DirectiveCheckTest {
    private static final String CREATE = "CREATE TABLE items (id int PRIMARY KEY, v int);\n"
            + "INSERT INTO items SELECT g, NULL FROM generate_series(1, 500) g;\n";

    private static Flyway flyway(TestDatabase db, Path migrations, String schema) {
        Map<String, String> config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "filesystem:" + migrations);
        config.put("flyway.schemas", schema);
        config.put("flyway.zdm.lint.failOn", "none");
        config.put("flyway.baselineVersion", "0");
        return GateLiveSchemaTest.inUse(Flyway.configure().configuration(config).load());
    }

    private static void assertRefusedWithNothingApplied(TestDatabase db, Path dir, String schema, String v2, String... expected)
            throws Exception {
        Files.writeString(dir.resolve("V1__create.sql"), CREATE);
        Files.writeString(dir.resolve("V2__fill.sql"), v2);
        var refusal = assertThatThrownBy(() -> flyway(db, dir, schema).migrate()).rootCause().isInstanceOf(ZdmLintGateException.class)
                .hasMessageContaining("Nothing was applied");
        for (String e : expected) {
            refusal.hasMessageContaining(e);
        }
        assertThat(db.queryString("SELECT to_regclass('" + schema + ".items')::text")).as("V1 not applied").isNull();
    }

    @Test
    void aMisspeltDirectiveIsRefused(TestDatabase db, @TempDir Path dir) throws Exception {
        assertRefusedWithNothingApplied(db, dir, "d1", "-- zdm:bached key=id\nUPDATE items SET v = 1 WHERE v IS NULL;\n",
                "V2__fill.sql:1: -- zdm:bached key=id: unknown directive zdm:bached (did you mean zdm:batched?)",
                "Fix: write -- zdm:batched key=id.");
    }

    @Test
    void aDirectiveSeparatedFromItsUpdateByABlankLineIsRefused(TestDatabase db, @TempDir Path dir) throws Exception {
        assertRefusedWithNothingApplied(db, dir, "d2", "-- zdm:batched key=id\n\nUPDATE items SET v = 1 WHERE v IS NULL;\n",
                "V2__fill.sql:1:", "a blank line separates it from the statement at line 3");
    }

    @Test
    void aBadOptionValueIsRefused(TestDatabase db, @TempDir Path dir) throws Exception {
        assertRefusedWithNothingApplied(db, dir, "d3", "-- zdm:batched key=id size=0\nUPDATE items SET v = 1 WHERE v IS NULL;\n",
                "V2__fill.sql:1:", "bad value for size: '0': must be at least 1");
    }

    @Test
    void aDirectiveOnAnInsertIsRefused(TestDatabase db, @TempDir Path dir) throws Exception {
        assertRefusedWithNothingApplied(db, dir, "d4", "-- zdm:batched\nINSERT INTO items VALUES (1000, 1);\n",
                "V2__fill.sql:1:", "a batched statement must be an UPDATE or a DELETE, not INSERT");
    }

    @Test
    // before: rows moved ahead of the walk were met again, without end (a separate thread: JDBC ignores interrupts)
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBatchedUpdateOfItsOwnKeyIsRefused(TestDatabase db, @TempDir Path dir) throws Exception {
        assertRefusedWithNothingApplied(db, dir, "d5", "-- zdm:batched key=id size=100\nUPDATE items SET id = id + 1000;\n",
                "V2__fill.sql:1:", "assigns the key column \"id\"", "met again by a later batch");
    }

    @Test
    void aCorrectDirectiveMigrates(TestDatabase db, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__create.sql"), CREATE);
        Files.writeString(dir.resolve("V2__fill.sql"), "-- zdm:batched key=id size=100\n-- new column\nUPDATE items SET v = 1 WHERE v IS NULL;\n");
        assertThat(flyway(db, dir, "d6").migrate().migrationsExecuted).isEqualTo(2);
        assertThat(db.queryLong("SELECT count(*) FROM d6.items WHERE v = 1")).isEqualTo(500);
    }
}
