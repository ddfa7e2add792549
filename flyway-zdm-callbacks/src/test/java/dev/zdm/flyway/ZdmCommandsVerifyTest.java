package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.core.report.Outcome;
import dev.zdm.flyway.internal.verify.VerifyReport.CheckResult;
import dev.zdm.flyway.internal.verify.VerifyReport.Problem;
import dev.zdm.flyway.internal.verify.VerifyReport;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ZdmCommands.verify()} on two schemas of one database, each managed by its own Flyway configuration. In
 * {@code dirty}: an invalid index left by a failed concurrent build, NOT VALID constraints (a CHECK that three rows
 * break, a CHECK no row breaks, a foreign key), a batched backfill that failed half-way, and a {@code -- zdm:verify}
 * query that returns false. In {@code clean}: the same kinds of migrations done right (a validated CHECK, a finished
 * backfill, a valid concurrent index, true queries).
 */
@PostgresTest
class ZdmCommandsVerifyTest {
    private static Map<String, String> dirty;
    private static Map<String, String> clean;

    @BeforeAll
    static void migrateBothSchemas(TestDatabase db) throws Exception {
        dirty = config(db, "dirty");
        clean = config(db, "clean");
        assertThatThrownBy(() -> Flyway.configure().configuration(dirty).load().migrate()).hasMessageContaining("division by zero");
        db.execute("SET search_path = dirty");
        assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY orders_code_key ON dirty.orders (code)"))
                .hasMessageContaining("could not create unique index");
        Flyway.configure().configuration(clean).load().migrate();
    }

    private static Map<String, String> config(TestDatabase db, String schema) {
        Map<String, String> config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "classpath:db/verify/" + schema);
        config.put("flyway.schemas", schema);
        config.put("flyway.postgresql.transactional.lock", "false");
        return config;
    }

    private static VerifyReport verify(Map<String, String> config) {
        return ZdmCommands.of(Flyway.configure().configuration(config).load()).verify();
    }

    private static CheckResult check(VerifyReport report, String id) {
        return report.checks().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void passesOnACleanSchemaWithTheEvidenceOfEachCheck() {
        VerifyReport report = verify(clean);
        assertThat(report.checks()).extracting(CheckResult::id)
                .containsExactly("ZDV01", "ZDV02", "ZDV03", "ZDV04", "ZDV05", "ZDV06", "ZDV07", "ZDV08");
        assertThat(report.checks()).filteredOn(c -> !c.id().equals("ZDV08"))
                .allSatisfy(c -> assertThat(c.problems()).as(c.id()).isEmpty());
        // The test servers do not preload pg_stat_statements: ZDV08 cannot answer, and that fails nothing.
        assertThat(check(report, "ZDV08").outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(check(report, "ZDV08").evidence()).isEqualTo("unknown: pg_stat_statements not installed in this database");
        assertThat(report.passed()).isTrue();
        assertThat(check(report, "ZDV01").evidence()).isEqualTo("no invalid index in clean");
        assertThat(check(report, "ZDV04").evidence()).isEqualTo("1 backfill recorded, 1 done");
        assertThat(check(report, "ZDV05").evidence()).isEqualTo("2 queries from 2 migrations, 2 true");
        assertThat(report.toText()).contains("No check failed; 7 of 8 passed. 1 unknown: ZDV08.")
                .contains("  UNKNOWN ZDV08 slower-queries: unknown: pg_stat_statements not installed in this database\n"
                        + "      pg_stat_statements: pg_stat_statements not installed in this database: query times cannot be compared.\n"
                        + "        fix: add pg_stat_statements to shared_preload_libraries");
    }

    @Test
    void catchesTheInvalidIndex() {
        CheckResult check = check(verify(dirty), "ZDV01");
        assertThat(check.passed()).isFalse();
        Problem problem = check.problems().get(0);
        assertThat(problem.subject()).isEqualTo("dirty.orders_code_key");
        assertThat(problem.detail()).contains("unique index on dirty.orders (code) is invalid");
        assertThat(problem.fix()).contains("DROP INDEX CONCURRENTLY dirty.orders_code_key");
        assertThat(check.problems()).hasSize(1);
    }

    @Test
    void catchesEveryNotValidConstraint() {
        CheckResult check = check(verify(dirty), "ZDV02");
        assertThat(check.passed()).isFalse();
        assertThat(check.problems()).extracting(Problem::subject).containsExactly("orders_customer_fk on dirty.orders",
                "orders_id_positive on dirty.orders", "orders_qty_present on dirty.orders");
        assertThat(check.problems().get(0).detail()).startsWith("FOREIGN KEY constraint is NOT VALID");
        assertThat(check.problems().get(2).fix()).isEqualTo("ALTER TABLE dirty.orders VALIDATE CONSTRAINT orders_qty_present;");
    }

    @Test
    void countsTheRowsBreakingANotValidCheckAndOnlyThose() {
        CheckResult check = check(verify(dirty), "ZDV03");
        assertThat(check.passed()).isFalse();
        assertThat(check.evidence()).startsWith("2 NOT VALID CHECK/NOT NULL constraints checked");
        assertThat(check.problems()).singleElement().satisfies(p -> {
            assertThat(p.subject()).isEqualTo("orders_qty_present on dirty.orders");
            assertThat(p.detail()).startsWith("3 rows break CHECK (qty IS NOT NULL)")
                    .contains("ALTER TABLE dirty.orders VALIDATE CONSTRAINT orders_qty_present; would fail");
        });
    }

    @Test
    void catchesTheUnfinishedBackfill() {
        CheckResult check = check(verify(dirty), "ZDV04");
        assertThat(check.passed()).isFalse();
        assertThat(check.problems()).singleElement().satisfies(p -> {
            assertThat(p.subject()).startsWith("V3__backfill_ratio.sql#");
            assertThat(p.detail()).contains("is failed: state failed, 1000 rows done").contains("division by zero");
            assertThat(p.fix()).startsWith("run migrate again");
        });
    }

    @Test
    void runsTheVerifyQueriesOfAppliedMigrationsAndNamesTheFailingOnesLine() {
        CheckResult check = check(verify(dirty), "ZDV05");
        assertThat(check.passed()).isFalse();
        assertThat(check.evidence()).as("V3 failed: its file is not read").isEqualTo("2 queries from 1 migration, 1 true");
        assertThat(check.problems()).singleElement().satisfies(p -> {
            assertThat(p.subject()).isEqualTo("V2__constraints.sql:6");
            assertThat(p.detail()).isEqualTo("-- zdm:verify SELECT NOT EXISTS (SELECT 1 FROM orders WHERE qty IS NULL) returned false, not true.");
        });
    }

    @Test
    void rendersMarkdownTextAndJson() throws Exception {
        VerifyReport report = verify(dirty);
        assertThat(report.passed()).isFalse();
        assertThat(report.failedIds()).containsExactly("ZDV01", "ZDV02", "ZDV03", "ZDV04", "ZDV05");
        assertThat(report.toMarkdown()).contains("**5 of 8 checks failed: ZDV01, ZDV02, ZDV03, ZDV04, ZDV05. 1 unknown: ZDV08.**")
                .contains("- [ ] **ZDV01** No index is left invalid: 1 invalid index in dirty\n"
                        + "  - `dirty.orders_code_key`: unique index on dirty.orders (code) is invalid")
                .contains("  - `V2__constraints.sql:6`: -- zdm:verify SELECT NOT EXISTS");
        assertThat(verify(clean).toMarkdown()).contains("- [x] **ZDV05** ").contains("- [?] **ZDV08** ").doesNotContain("- [ ]");
        assertThat(report.toText()).contains("  FAILED ZDV04 unfinished-backfill: 1 backfill recorded, 0 done");
        JsonNode json = JsonMapper.builder().build().readTree(report.toJson());
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.get("checks").get(2).get("id").asString()).isEqualTo("ZDV03");
        assertThat(json.get("checks").get(2).get("problems").get(0).get("subject").asString()).isEqualTo("orders_qty_present on dirty.orders");
        // The shared location model next to the subject: a database object, or a migration line.
        JsonNode constraint = json.get("checks").get(2).get("problems").get(0).get("location");
        assertThat(constraint.get("type").asString()).isEqualTo("object");
        assertThat(constraint.get("kind").asString()).isEqualTo("constraint");
        assertThat(constraint.get("name").asString()).isEqualTo("orders_qty_present on dirty.orders");
        JsonNode line = json.get("checks").get(4).get("problems").get(0).get("location");
        assertThat(line.get("type").asString()).isEqualTo("migration");
        assertThat(line.get("file").asString()).isEqualTo("V2__constraints.sql");
        assertThat(line.get("line").asInt()).isEqualTo(6);
        assertThat(json.get("checks").get(2).get("outcome").asString()).isEqualTo("FAILED");
        assertThat(json.get("checks").get(2).get("passed").asBoolean()).isFalse();
        assertThat(json.get("checks").get(7).get("outcome").asString()).isEqualTo("UNKNOWN");
        assertThat(json.get("checks").get(7).get("passed").asBoolean()).isTrue();
    }

    @Test
    void neverWaitsForALockAndSaysWhatItCouldNotCheck(TestDatabase db) throws Exception {
        try (Connection holder = db.connect(); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE dirty.orders IN ACCESS EXCLUSIVE MODE");
            long start = System.nanoTime();
            VerifyReport report = verify(dirty);
            long millis = (System.nanoTime() - start) / 1_000_000;
            holder.rollback();
            // Two row counts and two queries on orders, each giving up after the 2 s lock_timeout.
            assertThat(millis).as("ms").isLessThan(15_000);
            assertThat(check(report, "ZDV01").problems()).hasSize(1);
            assertThat(check(report, "ZDV02").problems()).as("catalog only: not stopped by the lock").hasSize(3);
            assertThat(check(report, "ZDV03").problems()).extracting(Problem::detail)
                    .allSatisfy(d -> assertThat(d).startsWith("the rows could not be checked (SQL state 55P03"));
            assertThat(check(report, "ZDV05").problems()).hasSize(2)
                    .allSatisfy(p -> assertThat(p.detail()).contains("failed (SQL state 55P03"));
        }
    }

    @Test
    void isReadOnly(TestDatabase db) throws Exception {
        String before = db.queryString("SELECT string_agg(backfill_id || state || rows_done || updated_at, ',') FROM dirty.zdm_backfill_progress");
        verify(dirty);
        assertThat(db.queryString("SELECT string_agg(backfill_id || state || rows_done || updated_at, ',') FROM dirty.zdm_backfill_progress"))
                .isEqualTo(before);
        assertThat(db.queryLong("SELECT count(*) FROM dirty.orders WHERE qty IS NULL")).isEqualTo(3);
    }
}
