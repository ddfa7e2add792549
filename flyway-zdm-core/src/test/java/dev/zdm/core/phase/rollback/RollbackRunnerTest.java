package dev.zdm.core.phase.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.core.ZdmErrorCode;
import dev.zdm.core.ddl.DdlOptions;
import dev.zdm.core.lock.ConnectionSource;
import dev.zdm.core.lock.LockPolicy;
import dev.zdm.core.phase.PhaseEntry;
import dev.zdm.core.phase.PhaseStates;
import dev.zdm.core.phase.PhaseStatus;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.StatementFingerprint;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@PostgresTest
class RollbackRunnerTest {
    private static final LockPolicy POLICY = new LockPolicy(Duration.ofMillis(200), null, 20, Duration.ofSeconds(30), Duration.ofMillis(50),
            Duration.ofMillis(200), Duration.ofSeconds(30));

    private static RollbackScript section(String text) {
        return RollbackSection.of(SqlScript.parse("V2__nickname.sql", text)).orElseThrow().script();
    }

    private static int run(TestDatabase db, String migration, RollbackScript script) throws Exception {
        try (Connection c = db.connect(); RollbackRunner runner = new RollbackRunner(c, ConnectionSource.of(db.dataSource()), POLICY,
                DdlOptions.defaults())) {
            PhaseStates states = PhaseStates.in(c, "public");
            RollbackProgress progress = RollbackProgress.of(states, migration, "2", "expand");
            return runner.run(migration, script, progress, conn -> {
                try (Statement s = conn.createStatement()) {
                    s.execute("INSERT INTO finished VALUES ('" + migration + "')");
                }
                progress.finished(script.source(), script.statements().size());
            });
        }
    }

    @Test
    void undoesConcurrentAndTransactionalStatementsAndFinishesInTheLastTransaction(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE IF NOT EXISTS finished (migration text)", "CREATE TABLE users (id int PRIMARY KEY, name text)",
                "ALTER TABLE users ADD COLUMN nickname text",
                "ALTER TABLE users ADD CONSTRAINT nickname_short CHECK (length(nickname) < 40) NOT VALID",
                "CREATE INDEX CONCURRENTLY users_nickname ON users (nickname)");
        int ran = run(db, "V2__nickname.sql", section("SELECT 1;\n-- zdm:rollback\n-- DROP INDEX CONCURRENTLY IF EXISTS users_nickname;\n"
                + "-- ALTER TABLE users DROP CONSTRAINT nickname_short;\n-- ALTER TABLE users DROP COLUMN nickname;\n"));
        assertThat(ran).isEqualTo(3);
        assertThat(db.queryLong("SELECT count(*) FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'nickname' AND NOT attisdropped")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'users_nickname'")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_constraint WHERE conname = 'nickname_short'")).isZero();
        assertThat(db.queryString("SELECT migration FROM finished WHERE migration = 'V2__nickname.sql'")).isEqualTo("V2__nickname.sql");
        try (Connection c = db.connect()) {
            PhaseEntry entry = PhaseStates.in(c, "public").find("V2__nickname.sql", "expand").orElseThrow();
            assertThat(entry.status()).isEqualTo(PhaseStatus.ROLLED_BACK);
            assertThat(entry.detail().get("rollback")).isEqualTo(Map.of("source", "V2__nickname.sql (-- zdm:rollback at line 2)", "statements", 3));
        }
    }

    @Test
    void aFailedStatementLeavesTheCommittedOnesRecordedAndTheNextRunContinuesAfterThem(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE IF NOT EXISTS finished (migration text)", "CREATE TABLE counter (n int)", "CREATE TABLE orders (id int, note text)",
                "CREATE INDEX CONCURRENTLY orders_note ON orders (note)");
        RollbackScript script = section("SELECT 1;\n-- zdm:rollback\n-- INSERT INTO counter VALUES (1);\n"
                + "-- DROP INDEX CONCURRENTLY orders_note;\n-- ALTER TABLE orders DROP COLUMN note_missing;\n");
        assertThatThrownBy(() -> run(db, "V3__note.sql", script)).isInstanceOfSatisfying(RollbackException.class, e -> {
            assertThat(e.code()).isEqualTo(ZdmErrorCode.ROLLBACK_FAILED);
            assertThat(e.getMessage()).contains("zdm:rollback of V3__note.sql stopped: V2__nickname.sql (-- zdm:rollback at line 2), line 5:"
                    + " ALTER TABLE orders DROP COLUMN note_missing failed:")
                    .contains("column \"note_missing\" of relation \"orders\" does not exist").contains("run zdm:rollback again");
        });
        assertThat(db.queryLong("SELECT count(*) FROM counter")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM finished WHERE migration LIKE 'V3%' OR migration LIKE 'V4%'")).isZero();
        try (Connection c = db.connect()) {
            assertThat(RollbackProgress.of(PhaseStates.in(c, "public"), "V3__note.sql", "2", "expand").done()).containsExactly(
                    StatementFingerprint.of("INSERT INTO counter VALUES (1)"), StatementFingerprint.of("DROP INDEX CONCURRENTLY orders_note"));
        }

        // corrected: the INSERT and the index drop (no IF EXISTS: it would fail if run again) are not run twice
        run(db, "V3__note.sql", section("SELECT 1;\n-- zdm:rollback\n-- INSERT INTO counter VALUES (1);\n"
                + "-- DROP INDEX CONCURRENTLY orders_note;\n-- ALTER TABLE orders DROP COLUMN note;\n"));
        assertThat(db.queryLong("SELECT count(*) FROM counter")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM finished WHERE migration = 'V3__note.sql'")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname = 'note'")).isZero();
    }

    @Test
    void anEditOfTheCommittedPartIsRefused(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE IF NOT EXISTS finished (migration text)");
        try (Connection c = db.connect()) {
            RollbackProgress.of(PhaseStates.in(c, "public"), "V4__x.sql", "4", "expand")
                    .record("V4__x.sql", List.of(StatementFingerprint.of("SELECT 1")));
        }
        assertThatThrownBy(() -> run(db, "V4__x.sql", section("SELECT 0;\n-- zdm:rollback\n-- SELECT 2;\n")))
                .isInstanceOf(RollbackException.class).hasMessageContaining("statement 1 (line 3: SELECT 2) was changed since");
        assertThat(db.queryLong("SELECT count(*) FROM finished WHERE migration LIKE 'V3%' OR migration LIKE 'V4%'")).isZero();
    }

    @Test
    void nothingToUndoOnlyFinishes(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE IF NOT EXISTS finished (migration text)");
        assertThat(run(db, "V5__data.sql", section("INSERT INTO finished VALUES ('x');\n-- zdm:rollback\n"))).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM finished WHERE migration = 'V5__data.sql'")).isEqualTo(1);
    }
}
