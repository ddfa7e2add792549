package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.report.Location;
import dev.zdm.core.report.Outcome;
import dev.zdm.flyway.internal.verify.VerifyOptions;
import dev.zdm.flyway.internal.verify.VerifyReport.CheckResult;
import dev.zdm.flyway.internal.verify.VerifyReport;
import dev.zdm.test.DatabaseLifecycle;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.server.PostgresServer;
import dev.zdm.test.server.PostgresServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ZDV08 against a real pg_stat_statements: an embedded server of its own started with
 * {@code shared_preload_libraries=pg_stat_statements} (the shared test server does not preload it). Two 50,000-row
 * tables looked up by an indexed column; V2 drops items_a's index (a relation the snapshot maps to its table). Before
 * the extension exists the check is unknown; once it does, the migrate records the queries, and after the same lookups
 * zdm:verify names the lookup on items_a with its means and calls, and not the one on items_b.
 */
class ZdmCommandsVerifyQueryTimesTest {
    private static PostgresServer server;
    private static TestDatabase db;

    @BeforeAll
    static void start() {
        server = PostgresServers.startEmbedded(Map.of("shared_preload_libraries", "pg_stat_statements"));
        db = DatabaseLifecycle.create(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            DatabaseLifecycle.drop(server, db.name());
            server.stop();
        }
    }

    private static Map<String, String> config(String target) {
        return ZdmCommandsVerifyScansTest.config(db, target);
    }

    private static VerifyReport verify(Map<String, String> config) {
        return ZdmCommands.of(Flyway.configure().configuration(config).load()).verify();
    }

    /** What the application does: look rows up by code, as a prepared statement. */
    private static void lookUp(String table, int times) throws Exception {
        try (Connection c = db.connect("application");
             PreparedStatement ps = c.prepareStatement("SELECT note FROM scans." + table + " WHERE code = ?")) {
            for (int i = 1; i <= times; i++) {
                ps.setInt(1, i * 97);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
        }
    }

    @Test
    void unknownWithoutTheExtensionThenCatchesTheLookupThatBecameSlowAfterADroppedIndex() throws Exception {
        Map<String, String> upToV1 = config("1");
        Flyway.configure().configuration(upToV1).load().migrate();

        VerifyReport without = verify(upToV1);
        CheckResult unknown = without.check("ZDV08");
        assertThat(unknown.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(unknown.passed()).as("unknown does not fail the goal").isTrue();
        assertThat(unknown.evidence()).isEqualTo("unknown: pg_stat_statements not installed in this database");
        assertThat(unknown.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo(Location.object("extension", "pg_stat_statements"));
            assertThat(p.fix()).contains("shared_preload_libraries").contains("CREATE EXTENSION pg_stat_statements");
        });
        assertThat(without.passed()).isTrue();
        assertThat(without.toMarkdown()).contains("- [?] **ZDV08** No query on a table the migrations touched became slower since "
                + "the migration: unknown: pg_stat_statements not installed in this database\n");

        db.execute("CREATE EXTENSION pg_stat_statements", "SELECT pg_stat_statements_reset()");
        lookUp("items_a", 300);
        lookUp("items_b", 300);

        // V2 drops items_a's index; its migrate records the table and query statistics before it runs.
        Map<String, String> all = config(null);
        Flyway.configure().configuration(all).load().migrate();
        assertThat(db.queryString("SELECT DISTINCT taken_by FROM scans.zdm_query_snapshot")).isEqualTo("migrate before V2__drop_index.sql");
        assertThat(db.queryLong("SELECT DISTINCT history_rank FROM scans.zdm_query_snapshot")).as("V1's row, before V2").isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM scans.zdm_query_snapshot WHERE query ~* 'zdm_|^\\s*(create|drop|alter)'"))
                .as("no DDL, no flyway-zdm bookkeeping").isZero();
        lookUp("items_a", 30);
        lookUp("items_b", 30);

        VerifyReport report = verify(all);
        CheckResult check = report.check("ZDV08");

        assertThat(check.outcome()).as(check.evidence()).isEqualTo(Outcome.FAILED);
        assertThat(check.evidence()).as("the index dropped by V2 is taken as its table")
                .matches("\\d+ quer(y|ies) on 1 touched table \\(items_a\\) compared with the query statistics snapshot of \\S+Z "
                        + "\\(migrate before V2__drop_index.sql\\)");
        assertThat(check.problems()).singleElement().satisfies(p -> {
            assertThat(p.subject()).matches("queryid -?\\d+ on items_a");
            assertThat(p.detail()).matches("mean \\S+ ms over 30 calls since the snapshot, against \\S+ ms over 300 calls before "
                    + "\\(\\S+x slower\\): SELECT note FROM scans.items_a WHERE code = \\$1");
            assertThat(p.fix()).contains("CREATE INDEX CONCURRENTLY").contains("items_a");
            System.out.println("ZDV08 measured: " + p.detail());
        });
        assertThat(report.failedIds()).contains("ZDV08");
        assertThat(report.toMarkdown()).contains("- [ ] **ZDV08** ").contains("  - `queryid ");
        assertThat(report.toJson()).contains("\"outcome\" : \"FAILED\"").contains("\"type\" : \"object\"").contains("\"kind\" : \"query\"");

        // A factor the slowdown does not reach: nothing reported.
        VerifyReport lenient = ZdmCommands.of(Flyway.configure().configuration(all).load())
                .verify(VerifyOptions.defaults().withSlowdownFactor(1_000_000));
        assertThat(lenient.check("ZDV08").outcome()).isEqualTo(Outcome.PASSED);
        assertThat(lenient.check("ZDV08").evidence()).endsWith(", none slower");
    }
}
