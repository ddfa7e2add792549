package dev.zdm.core.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@PostgresTest
class LockRetryTest {
    private final List<String> retries = new ArrayList<>();
    private final List<List<SessionInfo>> blockersSeen = new ArrayList<>();

    @BeforeEach
    void table(TestDatabase db) throws Exception {
        db.execute("DROP TABLE IF EXISTS items", "CREATE TABLE items (id int PRIMARY KEY)");
        retries.clear();
        blockersSeen.clear();
    }

    private LockRetry retry(TestDatabase db, int attempts) {
        LockPolicy policy = new LockPolicy(Duration.ofMillis(100), null, attempts, Duration.ofSeconds(30),
                Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(5));
        return new LockRetry(policy, new BlockerWatch(db::connect), (attempt, state, blockers, pause, next) -> {
            retries.add(attempt + ":" + state);
            blockersSeen.add(blockers);
        });
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void inATransactionEachAttemptIsUndoneAndTheBlockerIsReportedUntilTheWorkGetsThrough(TestDatabase db) throws Exception {
        Blocker reader = Blocker.openTransaction(db, "SELECT * FROM items");
        CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(800);
                reader.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            int[] runs = {0};
            retry(db, 50).inTransaction(c, () -> {
                runs[0]++;
                exec(c, "INSERT INTO items VALUES (" + runs[0] + ")");
                exec(c, "ALTER TABLE items ADD COLUMN note text");
                return null;
            });
            c.commit();
            assertThat(runs[0]).isGreaterThan(1);
        }
        release.join();
        assertThat(retries).isNotEmpty().allMatch(r -> r.endsWith(":55P03"));
        assertThat(blockersSeen).anySatisfy(b -> assertThat(b).extracting(SessionInfo::pid).containsExactly(reader.pid()));
        // Only the last attempt's INSERT survived: every earlier one was rolled back with its savepoint.
        assertThat(db.queryLong("SELECT count(*) FROM items")).isEqualTo(1);
    }

    @Test
    void whenAttemptsRunOutNothingIsAppliedAndTheLastBlockersAreKnown(TestDatabase db) throws Exception {
        try (Blocker reader = Blocker.openTransaction(db, "SELECT * FROM items"); Connection c = db.connect()) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> retry(db, 3).inTransaction(c, () -> {
                exec(c, "INSERT INTO items VALUES (1)");
                exec(c, "ALTER TABLE items ADD COLUMN note text");
                return null;
            }))
                    .isInstanceOfSatisfying(ContentionExhaustedException.class, e -> {
                        assertThat(e.attempts()).isEqualTo(3);
                        assertThat(e.sqlState()).isEqualTo("55P03");
                        assertThat(e.blockers()).extracting(SessionInfo::pid).containsExactly(reader.pid());
                        assertThat(e.suspects()).as("idle in transaction with a lock on items for the whole wait")
                                .extracting(SessionInfo::pid).containsExactly(reader.pid());
                        assertThat(e.getMessage()).startsWith("gave up after 3 attempt(s)");
                    });
            // The transaction is still usable (rolled back to the last savepoint) and holds nothing of the work.
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM items")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            c.rollback();
        }
        assertThat(retries).hasSize(2);
    }

    @Test
    void otherErrorsPassThroughUnchangedAndAreNotRetried(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            int[] runs = {0};
            assertThatThrownBy(() -> retry(db, 5).inTransaction(c, () -> {
                runs[0]++;
                exec(c, "ALTER TABLE no_such_table ADD COLUMN x int");
                return null;
            })).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42P01"));
            assertThat(runs[0]).isEqualTo(1);
            c.rollback();
        }
    }

    @Test
    void inATransactionTheTimeoutsAreLocalToIt(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            String during = retry(db, 1).inTransaction(c, () -> setting(c, "lock_timeout") + "/" + setting(c, "statement_timeout"));
            c.commit();
            assertThat(during).isEqualTo("100ms/5s");
            assertThat(setting(c, "lock_timeout")).isEqualTo("0");
            assertThat(setting(c, "statement_timeout")).isEqualTo("0");
        }
    }

    @Test
    void inAutocommitTheSessionValuesArePutBackAfterSuccessAndFailure(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Blocker reader = Blocker.openTransaction(db, "SELECT * FROM items")) {
            exec(c, "SET lock_timeout = '7s'");
            assertThatThrownBy(() -> retry(db, 2).inAutocommit(c, () -> {
                exec(c, "ALTER TABLE items ADD COLUMN note text");
                return null;
            })).isInstanceOf(ContentionExhaustedException.class);
            assertThat(setting(c, "lock_timeout")).isEqualTo("7s");
            assertThat(setting(c, "statement_timeout")).isEqualTo("0");
            reader.close();
            retry(db, 2).inAutocommit(c, () -> {
                exec(c, "ALTER TABLE items ADD COLUMN note text");
                return null;
            });
            assertThat(setting(c, "lock_timeout")).isEqualTo("7s");
        }
    }
}
