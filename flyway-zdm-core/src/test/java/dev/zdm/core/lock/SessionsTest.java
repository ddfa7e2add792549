package dev.zdm.core.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import dev.zdm.test.concurrency.LockMode;
import dev.zdm.test.concurrency.PgLocks;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@PostgresTest
class SessionsTest {

    @BeforeAll
    static void schema(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE accounts (id int PRIMARY KEY)");
    }

    @Test
    void namesTheSessionThatBlocksAnAlter(TestDatabase db) throws Exception {
        try (Blocker reader = Blocker.openTransaction(db, "SELECT count(*) FROM accounts");
             Connection migration = db.connect("migration");
             Connection observer = db.connect()) {
            int migrationPid = Sessions.backendPid(migration);
            CompletableFuture<Void> alter = CompletableFuture.runAsync(() -> {
                try (Statement s = migration.createStatement()) {
                    s.execute("SET lock_timeout = '5s'");
                    s.execute("ALTER TABLE accounts ADD COLUMN note text");
                } catch (Exception e) {
                    // cancelled when the blocker goes away or times out: either is fine here
                }
            });
            assertThat(PgLocks.await(observer, "accounts", l -> l.pid() == migrationPid && !l.granted(), Duration.ofSeconds(5))).isPresent();

            List<SessionInfo> blockers = Sessions.blocking(observer, migrationPid);

            assertThat(blockers).singleElement().satisfies(s -> {
                assertThat(s.pid()).isEqualTo(reader.pid());
                assertThat(s.applicationName()).isEqualTo(reader.applicationName());
                assertThat(s.state()).isEqualTo("idle in transaction");
                assertThat(s.transactionAge()).isNotNull();
                assertThat(s.query()).contains("SELECT count(*) FROM accounts");
                assertThat(s.describe()).contains("pid " + reader.pid()).contains("idle in transaction").contains("transaction open");
            });
            reader.close();
            alter.join();
        }
    }

    @Test
    void listsTheBlockedSessionsOfTheDatabaseOnly(TestDatabase db) throws Exception {
        try (Connection observer = db.connect()) {
            assertThat(Sessions.blocked(observer)).as("nothing waits yet").isEmpty();
            try (Blocker holder = Blocker.holdLock(db, "accounts", LockMode.ACCESS_EXCLUSIVE);
                 Blocker waiter = Blocker.runInBackground(db, "SELECT count(*) FROM accounts")) {
                assertThat(PgLocks.await(observer, "accounts", l -> l.pid() == waiter.pid() && !l.granted(), Duration.ofSeconds(5))).isPresent();
                assertThat(Sessions.blocked(observer)).as("the holder waits for nothing").singleElement().satisfies(s -> {
                    assertThat(s.pid()).isEqualTo(waiter.pid());
                    assertThat(s.query()).contains("SELECT count(*) FROM accounts");
                });
            }
        }
    }

    @Test
    void listsTransactionsOlderThanASession(TestDatabase db) throws Exception {
        try (Blocker old = Blocker.holdLock(db, "accounts", LockMode.ACCESS_SHARE)) {
            Thread.sleep(20);
            try (Blocker younger = Blocker.openTransaction(db, "SELECT 1");
                 Connection observer = db.connect()) {
                List<SessionInfo> older = Sessions.olderTransactions(observer, younger.pid());
                assertThat(older).extracting(SessionInfo::pid).contains(old.pid()).doesNotContain(younger.pid());
            }
        }
    }

    @Test
    void findsTheSessionsInTheWayOfWritersAndTheLockHolders(TestDatabase db) throws Exception {
        long accounts = db.queryLong("SELECT 'accounts'::regclass::oid");
        try (Blocker reader = Blocker.holdLock(db, "accounts", LockMode.ACCESS_SHARE)) {
            Thread.sleep(20);
            try (Blocker writer = Blocker.holdLock(db, "accounts", LockMode.ROW_EXCLUSIVE);
                 Blocker indexer = Blocker.runInBackground(db, "CREATE INDEX accounts_id_idx ON accounts (id)");
                 Connection observer = db.connect()) {
                assertThat(PgLocks.await(observer, "accounts", l -> l.pid() == indexer.pid() && !l.granted(), Duration.ofSeconds(5)))
                        .isPresent();

                assertThat(Sessions.inTheWayOfWriters(observer, accounts)).extracting(SessionInfo::pid)
                        .containsExactly(writer.pid(), indexer.pid());
                assertThat(Sessions.holdingLocksOn(observer, accounts)).extracting(SessionInfo::pid)
                        .containsExactly(reader.pid(), writer.pid());
                assertThat(Sessions.holdingLocksOn(observer)).isEmpty();
            }
        }
    }

    @Test
    void describesNoSessionAsNone() {
        assertThat(Sessions.describe(List.of())).isEqualTo("none");
    }

    @Test
    void shortensLongQueriesToOneLine() {
        String shortened = Sessions.shorten("SELECT\n  " + "x, ".repeat(200) + "y");
        assertThat(shortened).hasSize(200).endsWith("...").doesNotContain("\n");
    }
}
