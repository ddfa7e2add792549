package dev.zdm.flyway.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zdm.core.ZdmErrorCode;
import dev.zdm.core.phase.PhaseEntry;
import dev.zdm.core.phase.PhaseStates;
import dev.zdm.core.phase.PhaseStatus;
import dev.zdm.flyway.CapturedLog;
import dev.zdm.flyway.api.OperationMigrationException;
import dev.zdm.flyway.internal.operations.WaitingOperations;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ZdmOperationsMigration} applied by a real {@code Flyway.migrate()}: the expand steps at migrate on a history in
 * use, every step on a fresh one; the contract steps and the undo through {@link WaitingOperations}.
 */
@PostgresTest
class OperationsMigrationTest {
    static final String V2 = "db.zdm.operations.V2__Require_email_verified";

    @BeforeEach
    void emptySchema(TestDatabase db) throws Exception {
        OperationsFixture.emptySchema(db);
    }

    @Test
    void onAHistoryInUseOnlyTheExpandStepsRunAndTheContractWaits(TestDatabase db) throws Exception {
        assumeTrue(db.serverMajorVersion() < 18, "SET NOT NULL has contract steps on PostgreSQL 12-17");
        Flyway flyway = OperationsFixture.flyway(db);
        OperationsFixture.flyway(db, "flyway.target", "1").migrate();
        try (CapturedLog log = new CapturedLog("dev.zdm")) {
            assertThat(flyway.migrate().migrationsExecuted).isEqualTo(1);
            assertThat(log.messages()).anySatisfy(m -> assertThat(m).isEqualTo(V2 + ": expand steps applied; the contract steps of "
                    + "SET NOT NULL users.email_verified through a validated CHECK, SET NOT NULL public.orders.user_id through a "
                    + "validated CHECK, drop index orders_legacy_idx wait until the application version before this deploy is gone: "
                    + "run zdm:contract then"));
        }

        // expand: the CHECK is validated, the column still nullable; the new index is there, the old one still used
        assertThat(OperationsFixture.notNull(db, "users", "email_verified")).isFalse();
        assertThat(OperationsFixture.constraint(db, "users_email_verified_zdm_not_null")).isEqualTo("c:true");
        assertThat(OperationsFixture.notNull(db, "orders", "user_id")).isFalse();
        assertThat(OperationsFixture.constraint(db, "orders_user_id_zdm_not_null")).isEqualTo("c:true");
        assertThat(OperationsFixture.validIndex(db, "users_email_idx")).isTrue();
        assertThat(OperationsFixture.validIndex(db, "orders_legacy_idx")).isTrue();
        assertThat(db.queryString("SELECT success::text FROM flyway_schema_history WHERE version = '2'")).isEqualTo("true");

        try (Connection c = db.connect()) {
            PhaseStates phases = PhaseStates.in(c, "public");
            PhaseEntry contract = phases.find(V2, "contract").orElseThrow();
            assertThat(contract.status()).isEqualTo(PhaseStatus.WAITING);
            assertThat(contract.version()).isEqualTo("2");
            assertThat(contract.detail()).containsEntry("class", V2);
            assertThat(contract.detail().get("searchPath")).asString().startsWith("\"public\"");
            assertThat((List<?>) contract.detail().get("operations")).hasSize(4);
            assertThat(phases.find(V2, "expand").orElseThrow().status()).isEqualTo(PhaseStatus.DONE);
            assertThat(WaitingOperations.waiting(flyway.getConfiguration(), c)).extracting(PhaseEntry::migration).containsExactly(V2);

            List<WaitingOperations.Contracted> ran = WaitingOperations.contractWaiting(flyway.getConfiguration(), c,
                    Map.of("confirmedDrained", "2"));
            assertThat(ran).singleElement().satisfies(r -> {
                assertThat(r.migration()).isEqualTo(V2);
                assertThat(r.version()).isEqualTo("2");
                assertThat(r.operations()).hasSize(4).first().asString().startsWith("SET NOT NULL users.email_verified");
            });
            PhaseEntry done = phases.find(V2, "contract").orElseThrow();
            assertThat(done.status()).isEqualTo(PhaseStatus.DONE);
            assertThat(done.evidence()).containsEntry("confirmedDrained", "2");
            assertThat(done.finishedAt()).isNotNull();
            assertThat(WaitingOperations.waiting(flyway.getConfiguration(), c)).isEmpty();
            assertThat(WaitingOperations.contractWaiting(flyway.getConfiguration(), c)).as("nothing waits any more").isEmpty();
        }
        assertThat(OperationsFixture.notNull(db, "users", "email_verified")).isTrue();
        assertThat(OperationsFixture.constraint(db, "users_email_verified_zdm_not_null")).isNull();
        assertThat(OperationsFixture.notNull(db, "orders", "user_id")).isTrue();
        assertThat(OperationsFixture.constraint(db, "orders_user_id_zdm_not_null")).isNull();
        assertThat(OperationsFixture.indexExists(db, "orders_legacy_idx")).isFalse();
        assertThat(OperationsFixture.validIndex(db, "users_email_idx")).isTrue();
        assertThat(flyway.migrate().migrationsExecuted).isZero();
    }

    @Test
    void onAFreshHistoryEveryStepRunsAtMigrate(TestDatabase db) throws Exception {
        Flyway flyway = OperationsFixture.flyway(db);
        try (CapturedLog log = new CapturedLog("dev.zdm")) {
            assertThat(flyway.migrate().migrationsExecuted).as("V1 then V2 in one run: V1 does not make the history in use").isEqualTo(2);
            assertThat(log.messages()).anySatisfy(m -> assertThat(m).startsWith(V2 + ": Flyway's history was empty when migrate "
                    + "started (a new database): every step of its 4 operation(s) ran"));
        }
        assertThat(OperationsFixture.notNull(db, "users", "email_verified")).isTrue();
        assertThat(OperationsFixture.notNull(db, "orders", "user_id")).isTrue();
        assertThat(OperationsFixture.constraint(db, "users_email_verified_zdm_not_null")).isNull();
        assertThat(OperationsFixture.indexExists(db, "orders_legacy_idx")).isFalse();
        assertThat(OperationsFixture.validIndex(db, "users_email_idx")).isTrue();
        try (Connection c = db.connect()) {
            PhaseStates phases = PhaseStates.in(c, "public");
            assertThat(phases.find(V2, "contract").orElseThrow().status()).isEqualTo(PhaseStatus.DONE);
            assertThat(phases.find(V2, "contract").orElseThrow().detail()).containsEntry("freshHistory", true);
            assertThat(WaitingOperations.waiting(flyway.getConfiguration(), c)).isEmpty();
        }
    }

    @Test
    void withFlywayZdmDisabledTheHistoryIsReadWhenTheMigrationRunsSoTheContractIsDeferred(TestDatabase db) throws Exception {
        assumeTrue(db.serverMajorVersion() < 18, "SET NOT NULL has contract steps on PostgreSQL 12-17");
        // no run notes the history at the start: V1, applied just before in the same migrate, counts
        Flyway flyway = OperationsFixture.flyway(db, "flyway.zdm.enabled", "false");
        assertThat(flyway.migrate().migrationsExecuted).isEqualTo(2);
        assertThat(OperationsFixture.notNull(db, "users", "email_verified")).isFalse();
        assertThat(OperationsFixture.constraint(db, "users_email_verified_zdm_not_null")).isEqualTo("c:true");
        try (Connection c = db.connect()) {
            assertThat(WaitingOperations.waiting(flyway.getConfiguration(), c)).extracting(PhaseEntry::migration).containsExactly(V2);
        }
    }

    @Test
    void theContractResolvesUnqualifiedNamesInTheSchemaFlywayMigrated(TestDatabase db) throws Exception {
        assumeTrue(db.serverMajorVersion() < 18, "SET NOT NULL has contract steps on PostgreSQL 12-17");
        db.execute("DROP SCHEMA IF EXISTS app CASCADE");
        // a decoy in public: a contract that resolved "users" through a default search_path would touch this one
        db.execute("CREATE TABLE public.users (id bigint, email text, email_verified boolean)",
                "INSERT INTO public.users VALUES (1, 'x', NULL)",
                "CREATE TABLE public.orders (id bigint, user_id bigint, amount numeric)", "INSERT INTO public.orders VALUES (1, 1, 1)");
        Flyway flyway = OperationsFixture.flyway(db, "flyway.schemas", "app");
        OperationsFixture.flyway(db, "flyway.schemas", "app", "flyway.target", "1").migrate();
        flyway.migrate();
        assertThat(OperationsFixture.constraint(db, "users_email_verified_zdm_not_null")).isEqualTo("c:true");
        try (Connection c = db.connect()) {
            assertThat(WaitingOperations.waiting(flyway.getConfiguration(), c)).extracting(PhaseEntry::migration).containsExactly(V2);
            assertThat(WaitingOperations.contractWaiting(flyway.getConfiguration(), c)).hasSize(1);
            assertThat(PhaseStates.in(c, "app").find(V2, "contract").orElseThrow().status()).isEqualTo(PhaseStatus.DONE);
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT current_setting('search_path')")) {
                rs.next();
                assertThat(rs.getString(1)).as("the session's search_path is put back").isEqualTo("\"$user\", public");
            }
        }
        assertThat(OperationsFixture.notNull(db, "app.users", "email_verified")).isTrue();
        assertThat(OperationsFixture.notNull(db, "public.orders", "user_id")).as("V2 names public.orders").isTrue();
        assertThat(OperationsFixture.notNull(db, "app.orders", "user_id")).isFalse();
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_legacy_idx'")).isZero();
        assertThat(OperationsFixture.notNull(db, "public.users", "email_verified")).isFalse();
        db.execute("DROP SCHEMA app CASCADE");
    }

    @Test
    void aBaselineCountsAsAHistoryInUse(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE users (id bigint PRIMARY KEY, email text, email_verified boolean)",
                "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, amount numeric)",
                "CREATE INDEX orders_legacy_idx ON orders (amount)");
        Flyway flyway = OperationsFixture.flyway(db, "flyway.baselineOnMigrate", "true", "flyway.baselineVersion", "1");
        assertThat(flyway.migrate().migrationsExecuted).isEqualTo(1);
        assertThat(OperationsFixture.notNull(db, "users", "email_verified")).isFalse();
        try (Connection c = db.connect()) {
            assertThat(WaitingOperations.waiting(flyway.getConfiguration(), c)).extracting(PhaseEntry::migration).containsExactly(V2);
        }
    }

    @Test
    void undoRestoresTheCatalogAndAContractedMigrationCannotBeUndone(TestDatabase db) throws Exception {
        Flyway flyway = OperationsFixture.flyway(db);
        OperationsFixture.flyway(db, "flyway.target", "1").migrate();
        String before = OperationsFixture.catalog(db);
        flyway.migrate();
        assertThat(OperationsFixture.catalog(db)).isNotEqualTo(before);

        try (Connection c = db.connect()) {
            assertThat(WaitingOperations.isOperationMigration(flyway.getConfiguration(), V2)).isTrue();
            List<String> undone = WaitingOperations.undo(flyway.getConfiguration(), c, V2);
            assertThat(undone).hasSize(4);
            assertThat(undone.get(0)).isEqualTo("drop index orders_legacy_idx");
            assertThat(OperationsFixture.catalog(db)).isEqualTo(before);
            PhaseStates phases = PhaseStates.in(c, "public");
            assertThat(phases.find(V2, "expand").orElseThrow().status()).isEqualTo(PhaseStatus.ROLLED_BACK);
            assertThat(phases.find(V2, "contract").orElseThrow().status()).isEqualTo(PhaseStatus.ROLLED_BACK);
            assertThat(WaitingOperations.waiting(flyway.getConfiguration(), c)).isEmpty();

            // the rollback helper removes the history row; a later migrate applies the expand again
            db.execute("DELETE FROM flyway_schema_history WHERE version = '2'");
            assertThat(flyway.migrate().migrationsExecuted).isEqualTo(1);
            assertThat(phases.find(V2, "contract").orElseThrow().status()).isEqualTo(PhaseStatus.WAITING);
            WaitingOperations.contractWaiting(flyway.getConfiguration(), c);
            String contracted = OperationsFixture.catalog(db);
            assertThatThrownBy(() -> WaitingOperations.undo(flyway.getConfiguration(), c, V2))
                    .isInstanceOfSatisfying(OperationMigrationException.class, e -> assertThat(e.code()).isEqualTo(ZdmErrorCode.ROLLBACK_FAILED))
                    .hasMessageContaining("Migration " + V2 + " cannot be rolled back: its contract steps ran");
            assertThat(OperationsFixture.catalog(db)).isEqualTo(contracted);
        }
    }

    @Test
    void aFailedOperationMigrationIsContinuedByTheNextMigrateWithoutRepair(TestDatabase db) throws Exception {
        OperationsFixture.flyway(db, "flyway.target", "1").migrate();
        db.execute("UPDATE users SET email_verified = NULL WHERE id = 7"); // the CHECK's VALIDATE fails on this row
        Flyway flyway = OperationsFixture.flyway(db);
        assertThatThrownBy(flyway::migrate).hasMessageContaining("23514");
        assertThat(db.queryString("SELECT success::text FROM flyway_schema_history WHERE version = '2'")).isEqualTo("false");

        db.execute("UPDATE users SET email_verified = false WHERE id = 7");
        try (CapturedLog log = new CapturedLog("dev.zdm.flyway.internal.resume")) {
            assertThat(flyway.migrate().migrationsExecuted).isEqualTo(1);
            assertThat(log.messages()).anySatisfy(m -> assertThat(m).contains("migration 2").contains("is an operation migration")
                    .contains("no repair needed"));
        }
        assertThat(db.queryString("SELECT string_agg(success::text, ',') FROM flyway_schema_history WHERE version = '2'")).isEqualTo("true");
        assertThat(OperationsFixture.constraint(db, "users_email_verified_zdm_not_null")).isEqualTo("c:true");
        assertThat(OperationsFixture.validIndex(db, "users_email_idx")).isTrue();
    }

    @Test
    void aWaitingClassThatCannotBeLoadedIsNamedWithTheClasspathAdvice(TestDatabase db) throws Exception {
        Flyway flyway = OperationsFixture.flyway(db);
        OperationsFixture.flyway(db, "flyway.target", "1").migrate();
        flyway.migrate();
        try (Connection c = db.connect()) {
            PhaseStates.in(c, "public").record("com.example.V3__Gone", "3", "contract", PhaseStatus.WAITING, Map.of(),
                    Map.of("class", "com.example.V3__Gone"));
            assertThatThrownBy(() -> WaitingOperations.contractWaiting(flyway.getConfiguration(), c))
                    .isInstanceOfSatisfying(OperationMigrationException.class, e -> assertThat(e.code()).isEqualTo(ZdmErrorCode.MIGRATION_FAILED))
                    .hasMessageContaining("Operation migration com.example.V3__Gone waits for its contract steps (\"public\".\"zdm_phase_state\")")
                    .hasMessageContaining("its class cannot be loaded with Flyway's class loader")
                    .hasMessageContaining("on its classpath");
            // the one before it in the queue ran; the missing one still waits
            PhaseStates phases = PhaseStates.in(c, "public");
            assertThat(phases.find(V2, "contract").orElseThrow().status()).isEqualTo(PhaseStatus.DONE);
            assertThat(phases.find("com.example.V3__Gone", "contract").orElseThrow().status()).isEqualTo(PhaseStatus.WAITING);
            assertThat(WaitingOperations.isOperationMigration(flyway.getConfiguration(), "com.example.V3__Gone")).isFalse();
        }
    }
}
