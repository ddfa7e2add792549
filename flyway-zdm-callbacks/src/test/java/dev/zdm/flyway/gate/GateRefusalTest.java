package dev.zdm.flyway.gate;

import static dev.zdm.flyway.gate.GateFixture.config;
import static dev.zdm.flyway.gate.GateFixture.fresh;
import static dev.zdm.flyway.gate.GateFixture.loaded;
import static dev.zdm.flyway.gate.GateFixture.migrations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.zdm.flyway.CapturedLog;
import dev.zdm.flyway.api.ZdmLintGateException;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * When the gate refuses and when it does not: a database with no applied migration is fresh and always migrates
 * (the findings are logged); on a database in use the refusal shows the blocking findings first, grouped by
 * migration, and only counts the rest.
 */
@PostgresTest
class GateRefusalTest {

    @BeforeAll
    static void tables(TestDatabase db) throws Exception {
        db.execute("CREATE SCHEMA data",
                "CREATE TABLE data.big AS SELECT g AS id, g % 100 AS x FROM generate_series(1, 20000) g",
                "CREATE TABLE data.other AS SELECT g AS id, g % 100 AS x FROM generate_series(1, 20000) g",
                "ANALYZE data.big", "ANALYZE data.other");
    }

    @Test
    void aFreshDatabaseIsNeverRefusedAndNotEvenLintedUnlessAskedFor(TestDatabase db, @TempDir Path dir) throws Exception {
        try (CapturedLog log = new CapturedLog("dev.zdm")) {
            assertThat(fresh(config(db, history(dir.resolve("a"), "fresh_a"), "r1")).migrate().migrationsExecuted).isEqualTo(3);
            assertThat(log.messages()).anySatisfy(l -> assertThat(l)
                    .contains("lint gate: fresh database (no applied migration in \"r1\".\"flyway_schema_history\"): not gated"));
            assertThat(log.messages()).noneSatisfy(l -> assertThat(l).contains("ZDM1"));
        }
        assertThat(db.queryLong("SELECT count(*) FROM r1.a")).isEqualTo(2);

        Logger gate = (Logger) LoggerFactory.getLogger("dev.zdm.flyway.internal.gate");
        Level before = gate.getLevel();
        gate.setLevel(Level.DEBUG);
        try (CapturedLog log = new CapturedLog("dev.zdm")) {
            assertThat(fresh(config(db, history(dir.resolve("b"), "fresh_b"), "r1b")).migrate().migrationsExecuted).isEqualTo(3);
            assertThat(log.messages()).anySatisfy(l -> assertThat(l).contains("error ZDM141"));
            assertThat(log.messages()).anySatisfy(l -> assertThat(l).contains("error ZDM101").contains("data.big has about 20,000 rows"));
            assertThat(log.messages()).anySatisfy(l -> assertThat(l)
                    .contains("but this database is fresh (no applied migration in \"r1b\".\"flyway_schema_history\")"));
        } finally {
            gate.setLevel(before);
        }
    }

    private static Path history(Path dir, String index) throws Exception {
        return migrations(dir,
                "V1__a.sql", "create table a (id int);",
                "V2__b.sql", "BEGIN; insert into a values (1); COMMIT; insert into a values (2);",
                "V3__index.sql", "CREATE INDEX " + index + " ON data.big (x);");
    }

    @Test
    void onADatabaseInUseTheRefusalListsTheErrorsFirstGroupedByMigration(TestDatabase db, @TempDir Path dir) throws Exception {
        Path m = migrations(dir,
                "V1__table.sql", "CREATE TABLE r2_t (id int PRIMARY KEY);\nALTER TABLE data.other ADD COLUMN note text;",
                "V2__index.sql", "CREATE TABLE r2_u (id bigint PRIMARY KEY);\nCREATE INDEX r2_big_x ON data.big (x);",
                "V3__more.sql", "CREATE INDEX r2_other_x ON data.other (x);\nCREATE INDEX r2_big_id ON data.big (id);");
        Throwable refused;
        try (CapturedLog log = new CapturedLog("dev.zdm")) {
            refused = catchThrowable(() -> loaded(db, config(db, m, "r2")).migrate());
            assertThat(log.messages()).as("the findings that do not block are logged").anySatisfy(l -> assertThat(l).contains("V1__table.sql:1:1: warning"));
        }
        assertThat(refused).hasRootCauseInstanceOf(ZdmLintGateException.class);
        // The lines that are not indented (fixes are): the header, one line per blocking finding, the count of the rest.
        List<String> lines = Arrays.stream(rootMessage(refused).split("\n")).filter(l -> !l.startsWith(" ")).toList();
        assertThat(lines.get(0)).startsWith("flyway-zdm refused to start migrate: 3 finding(s)");
        assertThat(lines.get(1)).startsWith("V2__index.sql:2:1: error ZDM101 CREATE INDEX on data.big");
        assertThat(lines.get(2)).startsWith("V3__more.sql:1:1: error ZDM101 CREATE INDEX on data.other");
        assertThat(lines.get(3)).startsWith("V3__more.sql:2:1: error ZDM101 CREATE INDEX on data.big");
        assertThat(lines.get(4)).startsWith("Not blocking: ").contains("warning").contains("logged above by dev.zdm.flyway.internal.gate")
                .contains("mvn zdm:lint lists them all");
        assertThat(rootMessage(refused).split("\n")[2]).startsWith("    fix: CREATE INDEX CONCURRENTLY r2_big_x");
        assertThat(rootMessage(refused)).doesNotContain("V1__table.sql");
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'r2'")).as("only the history table").isEqualTo(1);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
