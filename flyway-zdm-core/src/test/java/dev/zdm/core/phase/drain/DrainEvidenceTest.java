package dev.zdm.core.phase.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.zdm.core.sql.RelationName;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sessions source and the pg_stat_statements probe on the test server (which does not preload the module). */
@PostgresTest
class DrainEvidenceTest {
    private static final List<RemovedObject> REMOVED = List.of(new RemovedObject(RelationName.of("users"), "name"));

    @BeforeAll
    static void schema(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE users (id int PRIMARY KEY, name text)");
    }

    /** A connection as an application opens it: {@code ApplicationName} in the JDBC URL. */
    private static Connection application(TestDatabase db, String name) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", db.user());
        if (db.password() != null) {
            props.setProperty("password", db.password());
        }
        return DriverManager.getConnection(db.jdbcUrl() + "?ApplicationName=" + URLEncoder.encode(name, StandardCharsets.UTF_8), props);
    }

    private static EvidenceItem sessions(Connection c, String... patterns) throws SQLException {
        return SessionEvidence.evaluate(c, new DrainPolicy(List.of(patterns), null, null));
    }

    /** Closing a JDBC connection ends its backend a moment later. */
    private static void awaitGone(TestDatabase db, int pid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, pid);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("backend " + pid + " still there");
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void anOldInstanceConnectedIsAgainstAndHoldsOnceItCloses(TestDatabase db) throws Exception {
        try (Connection deploy = db.connect("flyway")) {
            Connection old = application(db, "orders-v1");
            int oldPid = pid(old);

            EvidenceItem against = sessions(deploy, "orders-v1*");
            assertThat(against.status()).isEqualTo(EvidenceStatus.AGAINST);
            assertThat(against.detail()).startsWith("1 session of the old application (orders-v1*) still connected: pid " + oldPid
                    + " \"orders-v1\" from ").contains(" since 20");
            assertThat(against.howToProvide()).contains("stop the old instances");

            old.close();
            awaitGone(db, oldPid);
            EvidenceItem holds = sessions(deploy, "orders-v1*");
            assertThat(holds.status()).isEqualTo(EvidenceStatus.HOLDS);
            assertThat(holds.detail()).isEqualTo("no session of this database has an application_name matching orders-v1*");
            assertThat(holds.howToProvide()).isNull();
        }
    }

    @Test
    void seesTheSessionGoWithinOneTransaction(TestDatabase db) throws Exception {
        try (Connection deploy = db.connect("flyway")) {
            deploy.setAutoCommit(false);
            Connection old = application(db, "orders-v1");
            int oldPid = pid(old);
            assertThat(sessions(deploy, "orders-v1").status()).isEqualTo(EvidenceStatus.AGAINST);
            old.close();
            awaitGone(db, oldPid);
            assertThat(sessions(deploy, "orders-v1").status()).as("pg_stat_activity read again, not the transaction's copy")
                    .isEqualTo(EvidenceStatus.HOLDS);
            deploy.rollback();
        }
    }

    @Test
    void matchesGlobsLiterallyApartFromTheStar(TestDatabase db) throws Exception {
        try (Connection deploy = db.connect("flyway");
             Connection other = application(db, "ordersXv1-worker");
             Connection percent = application(db, "billing%v2")) {
            assertThat(sessions(deploy, "orders_v1*").status()).as("_ is not a wildcard").isEqualTo(EvidenceStatus.HOLDS);
            assertThat(sessions(deploy, "orders%").status()).as("% is not a wildcard").isEqualTo(EvidenceStatus.HOLDS);
            assertThat(sessions(deploy, "ordersXv1").status()).as("a glob without * matches the whole name")
                    .isEqualTo(EvidenceStatus.HOLDS);
            assertThat(sessions(deploy, "orders*worker").status()).isEqualTo(EvidenceStatus.AGAINST);
            assertThat(sessions(deploy, "nothing", "billing%v2").status()).as("any of several").isEqualTo(EvidenceStatus.AGAINST);
        }
    }

    @Test
    void ignoresTheCallerAndOtherDatabases(TestDatabase db) throws Exception {
        try (Connection deploy = db.connect("orders-v1");
             Connection elsewhere = db.server().connectAdmin()) {
            elsewhere.setClientInfo("ApplicationName", "orders-v1");
            assertThat(sessions(deploy, "orders-v1").status()).isEqualTo(EvidenceStatus.HOLDS);
        }
    }

    @Test
    void listsFiveSessionsAndCountsTheRest(TestDatabase db) throws Exception {
        List<Connection> old = new ArrayList<>();
        try (Connection deploy = db.connect("flyway")) {
            for (int i = 0; i < 7; i++) {
                old.add(application(db, "orders-v1-" + i));
            }
            EvidenceItem item = sessions(deploy, "orders-v1-*");
            assertThat(item.detail()).startsWith("7 sessions of the old application (orders-v1-*) still connected: ")
                    .endsWith("; and 2 more");
            assertThat(item.detail().split("pid ")).hasSize(6);
        } finally {
            for (Connection c : old) {
                c.close();
            }
        }
    }

    @Test
    void aDeployerWithoutPgReadAllStatsStillSeesTheNameButNotTheDetails(TestDatabase db) throws Exception {
        String role = "zdm_drain_deployer_" + Long.toString(System.nanoTime(), 36);
        db.execute("CREATE ROLE " + role + " LOGIN");
        try {
            Properties props = new Properties();
            props.setProperty("user", role);
            try (Connection deploy = DriverManager.getConnection(db.jdbcUrl(), props);
                 Connection old = application(db, "orders-v1")) {
                EvidenceItem item = sessions(deploy, "orders-v1");
                assertThat(item.status()).isEqualTo(EvidenceStatus.AGAINST);
                assertThat(item.detail()).endsWith("pid " + pid(old) + " \"orders-v1\" (address and start hidden: grant "
                        + "pg_read_all_stats to see them)");
            }
        } finally {
            db.execute("DROP ROLE " + role);
        }
    }

    @Test
    void noPatternIsNotConfiguredAndSaysWhatToSet(TestDatabase db) throws Exception {
        try (Connection deploy = db.connect()) {
            EvidenceItem item = SessionEvidence.evaluate(deploy, new DrainPolicy(List.of(" "), null, null));
            assertThat(item.status()).isEqualTo(EvidenceStatus.NOT_CONFIGURED);
            assertThat(item.howToProvide()).contains("flyway.zdm.drain.oldApplicationName").contains("ApplicationName")
                    .contains("JDBC URL");
        }
    }

    @Test
    void statementsAreUnavailableWithoutTheExtensionOrWithoutTheLibraryLoaded(TestDatabase db) throws Exception {
        try (Connection deploy = db.connect()) {
            try (Statement s = deploy.createStatement(); ResultSet rs = s.executeQuery("SHOW shared_preload_libraries")) {
                rs.next();
                assumeThat(rs.getString(1)).as("this test needs a server that does not preload pg_stat_statements")
                        .doesNotContain("pg_stat_statements");
            }
            DrainSubject subject = new DrainSubject("5", Instant.now(), "V7__drop_name.sql", REMOVED, null);
            EvidenceItem notInstalled = StatementEvidence.evaluate(deploy, subject);
            assertThat(notInstalled.status()).isEqualTo(EvidenceStatus.UNAVAILABLE);
            assertThat(notInstalled.detail()).isEqualTo("pg_stat_statements is not installed in this database");
            assertThat(notInstalled.howToProvide()).startsWith("CREATE EXTENSION pg_stat_statements");

            db.execute("CREATE EXTENSION pg_stat_statements");
            deploy.setAutoCommit(false);
            EvidenceItem notLoaded = StatementEvidence.evaluate(deploy, subject);
            assertThat(notLoaded.status()).isEqualTo(EvidenceStatus.UNAVAILABLE);
            assertThat(notLoaded.detail()).startsWith("pg_stat_statements is installed but the server has not loaded it (")
                    .contains("must be loaded via shared_preload_libraries").contains("55000");
            assertThat(notLoaded.howToProvide()).contains("shared_preload_libraries").contains("restart");
            assertThat(StatementActivity.snapshot(deploy, REMOVED)).isEmpty();
            try (Statement s = deploy.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                assertThat(rs.next()).as("the caller's transaction is still usable").isTrue();
            }
            deploy.rollback();
        } finally {
            db.execute("DROP EXTENSION IF EXISTS pg_stat_statements");
        }
    }

    @Test
    void theWholeVerdictReadsWell(TestDatabase db) throws Exception {
        Instant finished = Instant.parse("2026-12-01T19:00:00Z");
        DrainSubject subject = new DrainSubject("5", finished, "V7__drop_name.sql", REMOVED, null);
        DrainPolicy policy = new DrainPolicy(List.of("orders-v1*"), Duration.ofMinutes(30), null);
        try (Connection deploy = db.connect("flyway")) {
            Connection old = application(db, "orders-v1");
            int oldPid = pid(old);
            DrainVerdict held = DrainEvidence.evaluate(deploy, policy, subject, finished.plus(Duration.ofMinutes(12)));
            assertThat(held.drained()).isFalse();
            assertThat(held.items()).extracting(EvidenceItem::source).containsExactly("sessions", "statements", "soak", "confirmation");
            assertThat(held.missing()).extracting(EvidenceItem::source).containsExactly("sessions", "soak", "confirmation");
            String text = held.describe();
            assertThat(text).startsWith("not drained: old application instances are still at work")
                    .contains("  sessions: AGAINST - 1 session of the old application (orders-v1*) still connected: pid ")
                    .contains("  statements: UNAVAILABLE - pg_stat_statements is not")
                    .contains("  soak: MISSING - 12m of 30m since V5 finished at 2026-12-01T19:00:00Z; to provide: wait 18m more")
                    .contains("  confirmation: MISSING - no operator confirmation given; to provide: -Dzdm.confirmDrained=5");
            old.close();
            awaitGone(db, oldPid);
            DrainVerdict later = DrainEvidence.evaluate(deploy, policy, subject, finished.plus(Duration.ofMinutes(31)));
            assertThat(later.drained()).isTrue();
            assertThat(later.describe()).startsWith("drained: the soak time holds and no evidence speaks against it");
        }
    }
}
