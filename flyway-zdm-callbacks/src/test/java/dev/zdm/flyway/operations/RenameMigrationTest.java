package dev.zdm.flyway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.phase.PhaseStates;
import dev.zdm.core.phase.PhaseStatus;
import dev.zdm.flyway.internal.operations.WaitingOperations;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code Ops.renameColumn} and {@code Ops.changeType} through a real {@code Flyway.migrate()} and {@code zdm:contract}'s path. */
@PostgresTest
class RenameMigrationTest {
    static final String V2 = "db.zdm.rename.V2__Rename_name_widen_amount";

    @BeforeEach
    void emptySchema(TestDatabase db) throws Exception {
        OperationsFixture.emptySchema(db);
    }

    private static Flyway flyway(TestDatabase db, String... settings) {
        Map<String, String> config = OperationsFixture.config(db, settings);
        config.put("flyway.locations", "classpath:db/zdm/rename");
        return Flyway.configure().configuration(config).load();
    }

    private static String columns(TestDatabase db) throws Exception {
        return db.queryString("SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod) || ' ' || attnotnull, ', ' ORDER BY attnum) "
                + "FROM pg_attribute WHERE attrelid = 'users'::regclass AND attnum > 0 AND NOT attisdropped");
    }

    @Test
    void migrateRunsTheExpandAndTheContractWaitsForZdmContract(TestDatabase db) throws Exception {
        flyway(db, "flyway.target", "1").migrate();
        Flyway flyway = flyway(db);
        assertThat(flyway.migrate().migrationsExecuted).isEqualTo(1);

        // both versions work: the old one writes name, the new one full_name
        assertThat(columns(db)).isEqualTo("id bigint true, name text true, amount integer true, full_name text false, amount_zdm_new bigint false");
        db.execute("INSERT INTO users (name) VALUES ('old version')", "INSERT INTO users (full_name) VALUES ('new version')",
                "UPDATE users SET amount = 42 WHERE id = 1");
        assertThat(db.queryLong("SELECT count(*) FROM users WHERE name IS DISTINCT FROM full_name OR amount IS DISTINCT FROM amount_zdm_new"))
                .isZero();
        assertThat(OperationsFixture.validIndex(db, "users_name_idx_zdm")).isTrue();

        try (Connection c = db.connect()) {
            PhaseStates phases = PhaseStates.in(c, "public");
            assertThat(phases.find(V2, "contract").orElseThrow().status()).isEqualTo(PhaseStatus.WAITING);
            List<WaitingOperations.Contracted> ran = WaitingOperations.contractWaiting(flyway.getConfiguration(), c,
                    Map.of("confirmedDrained", "2"));
            assertThat(ran).singleElement().satisfies(r -> assertThat(r.operations()).hasSize(2));
            assertThat(phases.find(V2, "contract").orElseThrow().status()).isEqualTo(PhaseStatus.DONE);
        }
        assertThat(columns(db)).isEqualTo("id bigint true, full_name text true, amount bigint true");
        assertThat(db.queryString("SELECT pg_get_indexdef('users_name_idx'::regclass)")).contains("(full_name)");
        assertThat(db.queryString("SELECT full_name || ' ' || amount FROM users WHERE id = 1")).isEqualTo("user 1 42");
        db.execute("INSERT INTO users (full_name) VALUES ('after contract')");
        assertThat(db.queryString("SELECT amount::text FROM users WHERE full_name = 'after contract'")).isEqualTo("0");
    }

    @Test
    void onAFreshHistoryEveryStepRunsAtOnce(TestDatabase db) throws Exception {
        assertThat(flyway(db).migrate().migrationsExecuted).isEqualTo(2);
        assertThat(columns(db)).isEqualTo("id bigint true, full_name text true, amount bigint true");
        assertThat(db.queryLong("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'users'::regclass")).isZero();
    }

    @Test
    void theUndoOfAWaitingRenameRemovesTheCopies(TestDatabase db) throws Exception {
        flyway(db, "flyway.target", "1").migrate();
        String before = columns(db);
        Flyway flyway = flyway(db);
        flyway.migrate();
        try (Connection c = db.connect()) {
            assertThat(WaitingOperations.undo(flyway.getConfiguration(), c, V2)).hasSize(2);
        }
        assertThat(columns(db)).isEqualTo(before);
        assertThat(OperationsFixture.indexExists(db, "users_name_idx_zdm")).isFalse();
        assertThat(db.queryLong("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'users'::regclass")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_proc WHERE proname LIKE 'users_%_zdm_sync'")).isZero();
    }
}
