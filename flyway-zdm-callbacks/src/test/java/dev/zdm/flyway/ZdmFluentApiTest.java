package dev.zdm.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import db.zdm.injection.V2__Check_constraint;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Zdm} from real Java migrations run by {@code Flyway.configure()...migrate()}. */
@PostgresTest
class ZdmFluentApiTest {

    @BeforeEach
    void emptySchema(TestDatabase db) throws Exception {
        db.execute("DROP SCHEMA IF EXISTS public CASCADE", "CREATE SCHEMA public");
    }

    private static Flyway flyway(TestDatabase db, String location, String... settings) {
        Map<String, String> config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "classpath:" + location);
        // the lock-safe runner makes this the default; this module's tests must not depend on it
        config.put("flyway.postgresql.transactional.lock", "false");
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i], settings[i + 1]);
        }
        return Flyway.configure().configuration(config).load();
    }

    private static String constraint(TestDatabase db, String name) throws Exception {
        return db.queryString("SELECT contype::text || ':' || convalidated::text FROM pg_constraint WHERE conname = '" + name + "'");
    }

    private static long[] indexCounts(TestDatabase db, String name) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FILTER (WHERE i.indisvalid), count(*) FILTER (WHERE NOT i.indisvalid) FROM pg_index i "
                        + "JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    @Test
    void javaMigrationsApplyEveryOperationAndCanBeRunAgain(TestDatabase db) throws Exception {
        MigrateResult result;
        try (CapturedLog log = new CapturedLog("dev.zdm")) {
            result = flyway(db, "db/zdm/fluent").migrate();
            assertThat(log.messages()).anySatisfy(m -> assertThat(m).contains("running CREATE INDEX CONCURRENTLY IF NOT EXISTS \"users_email_idx\""));
        }
        assertThat(result.migrationsExecuted).isEqualTo(3);
        assertThat(constraint(db, "users_pkey")).isEqualTo("p:true");
        assertThat(constraint(db, "users_email_key")).isEqualTo("u:true");
        assertThat(constraint(db, "orders_user_id_fkey")).isEqualTo("f:true");
        assertThat(constraint(db, "orders_amount_positive")).isEqualTo("c:true");
        assertThat(db.queryString("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'email_verified'"))
                .isEqualTo("t");
        assertThat(indexCounts(db, "users_tenant_lower_email_idx")).containsExactly(1, 0);
        assertThat(db.queryString("SELECT indexdef FROM pg_indexes WHERE indexname = 'users_tenant_lower_email_idx'"))
                .isEqualTo("CREATE INDEX users_tenant_lower_email_idx ON public.users USING btree (tenant, lower(email)) WHERE email_verified");
        assertThat(indexCounts(db, "users_email_idx")).as("dropped by V3").containsExactly(0, 0);
        assertThat(indexCounts(db, "orders_amount_idx")).containsExactly(1, 0);
        assertThat(db.queryLong("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isZero();

        // a crash after the work but before Flyway recorded it: the history forgets V2 and V3, which run again
        db.execute("DELETE FROM flyway_schema_history WHERE version IN ('2', '3')");
        assertThat(flyway(db, "db/zdm/fluent").migrate().migrationsExecuted).isEqualTo(2);
        assertThat(constraint(db, "orders_user_id_fkey")).isEqualTo("f:true");
        assertThat(db.queryLong("SELECT count(*) FROM pg_constraint WHERE conrelid = 'users'::regclass")).isEqualTo(
                db.serverMajorVersion() >= 18 ? 4 : 2); // pkey, email key (+ NOT NULL constraints of id and email_verified on 18)
        assertThat(db.queryLong("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isZero();
    }

    @Test
    void aCheckExpressionThatWouldRunASecondStatementIsRefusedAndNothingIsChanged(TestDatabase db) throws Exception {
        V2__Check_constraint.expression = "true); DROP TABLE victim; --";
        try {
            assertThatThrownBy(flyway(db, "db/zdm/injection")::migrate)
                    .hasStackTraceContaining("Zdm.addCheckConstraint(\"true); DROP TABLE victim; --\") contains ';' at offset 5")
                    .hasStackTraceContaining("a statement separator outside any string");
        } finally {
            V2__Check_constraint.expression = "balance >= 0";
        }
        assertThat(db.queryLong("SELECT count(*) FROM victim")).isEqualTo(1);
        assertThat(constraint(db, "accounts_check")).isNull();
    }

    @Test
    void aCheckExpressionWithSeparatorsInsideStringsAndNestedParenthesesIsApplied(TestDatabase db) throws Exception {
        V2__Check_constraint.expression =
                "(balance >= 0) AND ((note IS NULL) OR (note <> 'x; DROP TABLE victim; --') OR note = $$/*$$)";
        try {
            assertThat(flyway(db, "db/zdm/injection").migrate().migrationsExecuted).isEqualTo(2);
        } finally {
            V2__Check_constraint.expression = "balance >= 0";
        }
        assertThat(constraint(db, "accounts_check")).isEqualTo("c:true");
        assertThat(db.queryLong("SELECT count(*) FROM victim")).isEqualTo(1);
    }

    @Test
    void aTransactionalJavaMigrationIsToldToOptOutOfTheTransaction(TestDatabase db) throws Exception {
        Flyway flyway = flyway(db, "db/zdm/transactional");

        assertThatThrownBy(flyway::migrate)
                .hasStackTraceContaining("Migration V2__Index_in_a_transaction: CREATE INDEX CONCURRENTLY cannot run inside a transaction")
                .hasStackTraceContaining("Override canExecuteInTransaction() to return false in V2__Index_in_a_transaction")
                .hasStackTraceContaining("dev.zdm.flyway.ZdmJavaMigration");
        assertThat(indexCounts(db, "users_email_idx")).containsExactly(0, 0);
    }

    @Test
    void aCancelledBuildInsideMigrateIsRetriedAndLeavesOneValidIndex(TestDatabase db) throws Exception {
        Flyway flyway = flyway(db, "db/zdm/slow");
        CompletableFuture<MigrateResult> migrate = CompletableFuture.supplyAsync(flyway::migrate);
        try (Connection observer = db.connect()) {
            int pid = awaitBuilding(observer);
            try (PreparedStatement ps = observer.prepareStatement("SELECT pg_cancel_backend(?)")) {
                ps.setInt(1, pid);
                ps.execute();
            }
        }
        assertThat(migrate.join().migrationsExecuted).isEqualTo(2);
        assertThat(indexCounts(db, "big_slow_idx")).containsExactly(1, 0);
        assertThat(db.queryLong("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isZero();
    }

    @Test
    void aBuildKilledInsideMigrateIsFinishedByTheNextMigrate(TestDatabase db) throws Exception {
        Flyway flyway = flyway(db, "db/zdm/slow");
        try (CapturedLog log = new CapturedLog("dev.zdm")) {
            CompletableFuture<MigrateResult> migrate = CompletableFuture.supplyAsync(flyway::migrate);
            try (Connection observer = db.connect()) {
                int pid = awaitBuilding(observer);
                try (PreparedStatement ps = observer.prepareStatement("SELECT pg_terminate_backend(?)")) {
                    ps.setInt(1, pid);
                    ps.execute();
                }
            }
            assertThatThrownBy(migrate::join).isInstanceOf(CompletionException.class);
            assertThat(log.messages()).anySatisfy(m -> assertThat(m).contains("Migration V2__Slow_index")
                    .contains("the connection was lost during CREATE INDEX CONCURRENTLY").contains("the next run drops it"));
        }
        assertThat(indexCounts(db, "big_slow_idx")).as("the killed build left an invalid index").containsExactly(0, 1);
        assertThat(history(db)).as("Flyway could not record the failure on the dead connection").isEqualTo("1:true");

        flyway(db, "db/zdm/slow").migrate();
        assertThat(indexCounts(db, "big_slow_idx")).containsExactly(1, 0);
        assertThat(db.queryLong("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isZero();
    }

    @Test
    void aBuildWaitingForAnOldTransactionGivesUpAfterTheConfiguredWaitNamingMigrationAndSession(TestDatabase db) throws Exception {
        flyway(db, "db/zdm/slow", "flyway.target", "1").migrate();
        Flyway flyway = flyway(db, "db/zdm/slow", "flyway.zdm.indexWaitTimeout", "1s");
        int blocker;
        long start = System.nanoTime();
        try (Blocker forgotten = Blocker.openTransaction(db, "INSERT INTO big VALUES (100000, 1)")) {
            blocker = forgotten.pid();
            assertThatThrownBy(flyway::migrate)
                    .hasStackTraceContaining("Migration V2__Slow_index: index \"big_slow_idx\" on public.big: CREATE INDEX CONCURRENTLY gave up")
                    .hasStackTraceContaining("(wait timeout 1s)")
                    .hasStackTraceContaining("pid " + blocker)
                    .hasStackTraceContaining("idle in transaction");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(history(db)).as("a failed non-transactional migration leaves a failed row").isEqualTo("1:true,2:false");

        Flyway next = flyway(db, "db/zdm/slow");
        next.repair();
        next.migrate();
        assertThat(indexCounts(db, "big_slow_idx")).containsExactly(1, 0);
        assertThat(db.queryLong("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isZero();
    }

    private static String history(TestDatabase db) throws Exception {
        return db.queryString("SELECT string_agg(version || ':' || success, ',' ORDER BY installed_rank) FROM flyway_schema_history");
    }

    /** The pid building an index in this database, once it is in the build phase. */
    private static int awaitBuilding(Connection observer) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (PreparedStatement ps = observer.prepareStatement("SELECT pid FROM pg_stat_progress_create_index "
                + "WHERE datname = current_database() AND command = 'CREATE INDEX CONCURRENTLY' AND phase LIKE 'building index%'")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getInt(1);
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("no index build started");
    }
}
