package dev.zdm.core.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.StatementModel;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import dev.zdm.test.concurrency.LockMode;
import dev.zdm.test.concurrency.PgLocks;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every rule's lock claim, checked on a real server: the rule's example statement runs in an open
 * transaction while a second connection reads the lock it holds from pg_locks. The statement model must
 * claim the same lock, since the gate and the runner rely on it.
 */
@PostgresTest
class RuleLockLevelTest {
    /** Rules whose finding is not about a lock the statement takes (a failure, a mix-up, a missing setting). */
    private static final Set<String> NOT_ABOUT_A_LOCK = Set.of("ZDM100", "ZDM104", "ZDM105", "ZDM106", "ZDM111", "ZDM134",
            "ZDM138", "ZDM139", "ZDM140", "ZDM141", "ZDM142", "ZDM143", "ZDM144");

    @Test
    void everyRuleClaimingALockHoldsThatLockOnARealServer(TestDatabase db) throws Exception {
        int checked = 0;
        for (Rule rule : Rules.all()) {
            Rule.LockExample example = rule.lockExample();
            if (example == null) {
                assertThat(NOT_ABOUT_A_LOCK).as("%s has no lock example; add one or list it here", rule.id()).contains(rule.id());
                continue;
            }
            String schema = "lock_" + rule.id().toLowerCase(Locale.ROOT);
            db.execute("CREATE SCHEMA " + schema);
            try (Connection setup = db.connect(); Statement s = setup.createStatement()) {
                s.execute("SET search_path TO " + schema);
                for (String sql : example.setup().split(";")) {
                    s.execute(sql);
                }
            }
            StatementModel model = SqlScript.parse("V1__x.sql", example.statement()).statements().get(0).model();
            Optional<LockLevel> claimed = model.lockOn(RelationName.of(example.relation()));
            claimed.ifPresent(level -> assertThat(level).as("%s: model lock on %s", rule.id(), example.relation()).isEqualTo(example.lock()));

            try (Connection migration = db.connect(); Connection observer = db.connect(); Statement s = migration.createStatement()) {
                migration.setAutoCommit(false);
                s.execute("SET search_path TO " + schema);
                int pid = dev.zdm.core.lock.Sessions.backendPid(migration);
                s.execute(example.statement());
                Optional<LockMode> held = PgLocks.strongestHeld(observer, pid, schema + "." + example.relation());
                assertThat(held).as("%s: lock held by '%s' on %s", rule.id(), example.statement(), example.relation())
                        .contains(LockMode.valueOf(example.lock().name()));
                migration.rollback();
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(20);
    }

    @Test
    void onPostgres18TheNotValidNotNullFixValidatesUnderShareUpdateExclusiveAndMakesTheColumnNotNull(TestDatabase db) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(db.serverMajorVersion() >= 18, "NOT NULL ... NOT VALID exists from PostgreSQL 18");
        db.execute("CREATE TABLE nn (id int, email text)", "INSERT INTO nn VALUES (1, 'a')");
        String fix = dev.zdm.core.lint.rules.SetNotNullScansFix.fixFor(18, "nn", "email");
        String[] parts = fix.split(";\\n?");
        db.execute(parts[0]);
        String validate = java.util.Arrays.stream(parts).filter(p -> p.contains("VALIDATE")).findFirst().orElseThrow()
                .replaceAll("(?m)^--.*$", "").strip();
        try (Connection migration = db.connect(); Connection observer = db.connect(); Statement s = migration.createStatement()) {
            migration.setAutoCommit(false);
            int pid = dev.zdm.core.lock.Sessions.backendPid(migration);
            s.execute(validate);
            assertThat(PgLocks.strongestHeld(observer, pid, "nn")).contains(LockMode.SHARE_UPDATE_EXCLUSIVE);
            migration.commit();
        }
        assertThat(db.queryString("SELECT attnotnull::text FROM pg_attribute WHERE attrelid = 'nn'::regclass AND attname = 'email'"))
                .isEqualTo("true");
    }

    @Test
    void concurrentIndexBuildsHoldShareUpdateExclusiveAsTheModelSays(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE cic (id int)", "INSERT INTO cic SELECT generate_series(1, 1000)");
        String statement = "CREATE INDEX CONCURRENTLY cic_id ON cic (id)";
        assertThat(SqlScript.parse("V1__x.sql", statement).statements().get(0).model().lockOn(RelationName.of("cic")))
                .contains(LockLevel.SHARE_UPDATE_EXCLUSIVE);
        // An open transaction makes the build wait in its "wait for old snapshots" phase, holding its lock.
        try (Blocker old = Blocker.openTransaction(db, "SELECT txid_current()"); Connection observer = db.connect();
             Connection migration = db.connect()) {
            int pid = dev.zdm.core.lock.Sessions.backendPid(migration);
            CompletableFuture<Void> build = CompletableFuture.runAsync(() -> {
                try (Statement s = migration.createStatement()) {
                    s.execute(statement);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(PgLocks.await(observer, "cic", l -> l.pid() == pid && l.granted(), Duration.ofSeconds(10)))
                    .get().extracting(PgLocks.RelationLock::mode).isEqualTo(LockMode.SHARE_UPDATE_EXCLUSIVE);
            old.close();
            build.get(30, TimeUnit.SECONDS);
        }
        assertThat(db.queryLong("SELECT count(*) FROM pg_index WHERE indexrelid = 'cic_id'::regclass AND indisvalid")).isEqualTo(1);
    }

}
