package dev.zdm.core.phase.drain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.phase.drain.RemovedObject.Change;
import dev.zdm.core.sql.RelationName;
import dev.zdm.test.DatabaseLifecycle;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.server.PostgresServer;
import dev.zdm.test.server.PostgresServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The statements source against a real pg_stat_statements: an embedded server of its own started with
 * {@code shared_preload_libraries=pg_stat_statements} (the shared test server does not preload it).
 */
class StatementActivityTest {
    private static final RelationName USERS = RelationName.of("users");
    private static final List<RemovedObject> NAME_DROPPED = List.of(new RemovedObject(USERS, "name", Change.DROPPED));

    private static PostgresServer server;
    private static TestDatabase db;

    @BeforeAll
    static void start() throws SQLException {
        server = PostgresServers.startEmbedded(Map.of("shared_preload_libraries", "pg_stat_statements"));
        db = DatabaseLifecycle.create(server);
        db.execute("CREATE EXTENSION pg_stat_statements",
                "CREATE TABLE users (id int PRIMARY KEY, name text, first_name text, email text)",
                "CREATE TABLE customers (id int PRIMARY KEY, name text)",
                "CREATE TABLE zdm_notes (users text, name text)",
                "INSERT INTO users VALUES (1, 'a', 'b', 'c')");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            DatabaseLifecycle.drop(server, db.name());
            server.stop();
        }
    }

    @BeforeEach
    void reset() throws SQLException {
        db.execute("SELECT pg_stat_statements_reset()");
    }

    /** Runs each query {@code times} times as a prepared statement, as an application does. */
    private static void run(Connection app, int times, String sql, Object... args) throws SQLException {
        for (int i = 0; i < times; i++) {
            try (PreparedStatement ps = app.prepareStatement(sql)) {
                for (int a = 0; a < args.length; a++) {
                    ps.setObject(a + 1, args[a]);
                }
                ps.execute();
            }
        }
    }

    private static DrainSubject subject(List<RemovedObject> removed, Map<String, Long> baseline) {
        return new DrainSubject("5", Instant.now(), "V7__contract.sql", removed, baseline);
    }

    @Test
    void matchesQueriesNamingTheTableAndTheColumnAsWords() throws SQLException {
        try (Connection app = db.connect("orders-v1")) {
            run(app, 3, "SELECT id, name FROM users WHERE id = ?", 1);
            run(app, 1, "SELECT u.\"name\" FROM public.users u");
            run(app, 1, "UPDATE Users SET Name = ? WHERE id = ?", "x", 1);
            run(app, 1, "SELECT id, first_name FROM users WHERE id = ?", 1);
            run(app, 1, "UPDATE users SET email = ? WHERE id = ?", "e", 1);
            run(app, 1, "SELECT name FROM customers");
            run(app, 1, "SELECT users, name FROM zdm_notes");
            run(app, 1, "COMMENT ON COLUMN users.name IS 'old'");
            run(app, 1, "/* migration */ ALTER TABLE users ALTER COLUMN name SET DEFAULT ''");
        }

        try (Connection deploy = db.connect("flyway")) {
            StatementActivity.Reading reading = StatementActivity.read(deploy, NAME_DROPPED);

            assertThat(reading.usable()).isTrue();
            assertThat(reading.queries().values()).containsExactlyInAnyOrder(
                    "SELECT id, name FROM users WHERE id = $1",
                    "SELECT u.\"name\" FROM public.users u",
                    "UPDATE Users SET Name = $1 WHERE id = $2");
            Map<String, Long> byText = new HashMap<>();
            reading.queries().forEach((id, text) -> byText.put(text, reading.calls().get(id)));
            assertThat(byText).containsEntry("SELECT id, name FROM users WHERE id = $1", 3L);
            assertThat(StatementActivity.snapshot(deploy, NAME_DROPPED)).contains(reading.calls());
        }
    }

    @Test
    void holdsWithoutNewCallsAndIsAgainstWhenAKnownQueryRunsAgainOrANewOneAppears() throws SQLException {
        try (Connection app = db.connect("orders-v1"); Connection deploy = db.connect("flyway")) {
            run(app, 2, "SELECT id, name FROM users WHERE id = ?", 1);
            Map<String, Long> baseline = StatementActivity.snapshot(deploy, NAME_DROPPED).orElseThrow();
            assertThat(baseline).hasSize(1).containsValue(2L);
            String queryid = baseline.keySet().iterator().next();

            run(app, 5, "SELECT id, first_name FROM users WHERE id = ?", 1);
            EvidenceItem quiet = StatementEvidence.evaluate(deploy, subject(NAME_DROPPED, baseline));
            assertThat(quiet.status()).isEqualTo(EvidenceStatus.HOLDS);
            assertThat(quiet.detail()).isEqualTo("no query touching users.name (dropped) ran since the baseline "
                    + "(1 such queries known to pg_stat_statements)");

            run(app, 3, "SELECT id, name FROM users WHERE id = ?", 1);
            run(app, 1, "SELECT name FROM users ORDER BY id LIMIT 1");
            EvidenceItem busy = StatementEvidence.evaluate(deploy, subject(NAME_DROPPED, baseline));
            assertThat(busy.status()).isEqualTo(EvidenceStatus.AGAINST);
            assertThat(busy.detail()).startsWith("2 queries touching users.name (dropped) ran since the baseline: "
                    + "3 calls of \"SELECT id, name FROM users WHERE id = $1\" (queryid " + queryid + "); "
                    + "1 call of \"SELECT name FROM users ORDER BY id LIMIT $1\" (queryid ")
                    .endsWith(", new since the baseline)");
            assertThat(busy.howToProvide()).contains("stop the instances");
        }
    }

    @Test
    void afterAResetOfTheCountersEveryCallIsNew() throws SQLException {
        try (Connection app = db.connect("orders-v1"); Connection deploy = db.connect("flyway")) {
            run(app, 4, "SELECT id, name FROM users WHERE id = ?", 1);
            Map<String, Long> baseline = StatementActivity.snapshot(deploy, NAME_DROPPED).orElseThrow();
            db.execute("SELECT pg_stat_statements_reset()");
            run(app, 1, "SELECT id, name FROM users WHERE id = ?", 1);
            EvidenceItem item = StatementEvidence.evaluate(deploy, subject(NAME_DROPPED, baseline));
            assertThat(item.status()).isEqualTo(EvidenceStatus.AGAINST);
            assertThat(item.detail()).contains("1 call of \"SELECT id, name FROM users WHERE id = $1\"");
        }
    }

    @Test
    void watchesRenamedTablesWholeAndLeavesTypeChangesOut() throws SQLException {
        List<RemovedObject> removed = List.of(new RemovedObject(RelationName.of("customers"), null, Change.RENAMED),
                new RemovedObject(USERS, "email", Change.RETYPED));
        try (Connection app = db.connect("orders-v1"); Connection deploy = db.connect("flyway")) {
            run(app, 1, "SELECT count(*) FROM customers");
            run(app, 1, "UPDATE users SET email = ? WHERE id = ?", "e", 1);
            StatementActivity.Reading reading = StatementActivity.read(deploy, removed);
            assertThat(reading.queries().values()).containsExactly("SELECT count(*) FROM customers");

            EvidenceItem typeOnly = StatementEvidence.evaluate(deploy, subject(removed.subList(1, 2), Map.of()));
            assertThat(typeOnly.status()).isEqualTo(EvidenceStatus.NOT_CONFIGURED);
            assertThat(typeOnly.detail()).isEqualTo("nothing to watch: only type changes (users.email (changes type)), "
                    + "whose column names the new code uses too");
        }
    }

    @Test
    void withoutABaselineItIsMissingButDoesNotBlock() throws SQLException {
        try (Connection app = db.connect("orders-v1"); Connection deploy = db.connect("flyway")) {
            run(app, 1, "SELECT id, name FROM users WHERE id = ?", 1);
            EvidenceItem item = StatementEvidence.evaluate(deploy, subject(NAME_DROPPED, null));
            assertThat(item.status()).isEqualTo(EvidenceStatus.MISSING);
            assertThat(item.detail()).startsWith("no baseline yet for the queries touching users.name (dropped) (1 seen now)");
            DrainVerdict verdict = new DrainVerdict(List.of(item,
                    new EvidenceItem(EvidenceItem.CONFIRMATION, EvidenceStatus.HOLDS, "confirmed", null)));
            assertThat(verdict.drained()).isTrue();
        }
    }

    @Test
    void unavailableWhileOtherUsersQueriesAreHiddenFromTheDeployer() throws SQLException {
        db.execute("DO $$ BEGIN CREATE ROLE drain_app LOGIN; CREATE ROLE drain_deployer LOGIN; "
                        + "EXCEPTION WHEN duplicate_object THEN NULL; END $$",
                "GRANT SELECT ON users TO drain_app");
        try (Connection app = connectAs("drain_app"); Connection deploy = connectAs("drain_deployer")) {
            run(app, 1, "SELECT id, name FROM users WHERE id = ?", 1);
            EvidenceItem hidden = StatementEvidence.evaluate(deploy, subject(NAME_DROPPED, Map.of()));
            assertThat(hidden.status()).isEqualTo(EvidenceStatus.UNAVAILABLE);
            assertThat(hidden.detail()).endsWith("pg_stat_statements entries of other users are hidden from this user");
            assertThat(hidden.howToProvide()).isEqualTo("GRANT pg_read_all_stats TO the deploying user");

            db.execute("GRANT pg_read_all_stats TO drain_deployer");
            EvidenceItem seen = StatementEvidence.evaluate(deploy, subject(NAME_DROPPED, Map.of()));
            assertThat(seen.status()).isEqualTo(EvidenceStatus.AGAINST);
        } finally {
            db.execute("REVOKE pg_read_all_stats FROM drain_deployer");
        }
    }

    private static Connection connectAs(String role) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", role);
        return DriverManager.getConnection(db.jdbcUrl(), props);
    }

    @Test
    void theWholeVerdictOnAServerWithTheModule() throws SQLException {
        try (Connection app = db.connect("orders-v1"); Connection deploy = db.connect("flyway");
             Statement s = deploy.createStatement()) {
            run(app, 1, "SELECT id, name FROM users WHERE id = ?", 1);
            Map<String, Long> baseline = StatementActivity.snapshot(deploy, NAME_DROPPED).orElseThrow();
            deploy.setAutoCommit(false);
            DrainPolicy policy = new DrainPolicy(List.of("orders-v*"), null, "5");
            DrainVerdict held = DrainEvidence.evaluate(deploy, policy, subject(NAME_DROPPED, baseline), Instant.now());
            assertThat(held.drained()).isFalse();
            assertThat(held.missing()).extracting(EvidenceItem::source).containsExactly("sessions");
            assertThat(held.item("statements").orElseThrow().status()).isEqualTo(EvidenceStatus.HOLDS);
            assertThat(s.execute("SELECT 1")).as("the caller's transaction goes on").isTrue();
            deploy.rollback();
        }
    }
}
