package dev.zdm.flyway.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.core.backfill.BackfillJobs;
import dev.zdm.core.phase.PhaseStates;
import dev.zdm.core.phase.PhaseStatus;
import dev.zdm.flyway.ZdmCommands;
import dev.zdm.flyway.api.ZdmContractHeldException;
import dev.zdm.flyway.internal.rollback.RollbackOptions;
import dev.zdm.flyway.internal.status.StatusReport;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL form of renames and type changes: a migration whose only content is {@code -- zdm:rename-column ...} or
 * {@code -- zdm:change-type ...}, through a real {@code migrate}, {@code zdm:status}, {@code zdm:contract} and
 * {@code zdm:rollback}.
 */
@PostgresTest
class RenameDirectiveTest {
    static final String V2 = "V2__Rename_name.sql";

    @BeforeEach
    void emptySchema(TestDatabase db) throws Exception {
        OperationsFixture.emptySchema(db);
    }

    static Flyway flyway(TestDatabase db, String location, String... settings) {
        Map<String, String> config = OperationsFixture.config(db, settings);
        config.put("flyway.locations", location);
        return Flyway.configure().configuration(config).load();
    }

    /** {@code flyway}, its database migrated to V1 (so that the history is in use: the contract steps wait). */
    static Flyway afterV1(TestDatabase db, Flyway flyway) {
        Flyway.configure().configuration(flyway.getConfiguration()).target("1").load().migrate();
        return flyway;
    }

    private static String columns(TestDatabase db, String table) throws Exception {
        return db.queryString("SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod) || ' ' || attnotnull, ', ' ORDER BY attnum) "
                + "FROM pg_attribute WHERE attrelid = '" + table + "'::regclass AND attnum > 0 AND NOT attisdropped");
    }

    /** Columns, constraints, indexes, triggers and functions of the public schema but flyway-zdm's and Flyway's own tables. */
    static String catalog(TestDatabase db) throws Exception {
        String mine = "c.relname NOT LIKE 'zdm\\_%' AND c.relname <> 'flyway_schema_history'";
        return db.queryString("SELECT string_agg(x, E'\\n' ORDER BY x) FROM ("
                + "SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' not null '"
                + " || a.attnotnull || ' default ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-') || ' comment '"
                + " || coalesce(col_description(c.oid, a.attnum), '-') FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND " + mine
                + " UNION ALL SELECT 'constraint ' || c.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid) || ' '"
                + " || k.convalidated FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid ="
                + " c.relnamespace WHERE n.nspname = 'public' AND " + mine
                + " UNION ALL SELECT 'index ' || pg_get_indexdef(i.indexrelid) || ' ' || i.indisvalid FROM pg_index i JOIN pg_class c"
                + " ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND " + mine
                + " UNION ALL SELECT 'trigger ' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT t.tgisinternal"
                + " UNION ALL SELECT 'function ' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE n.nspname = 'public') s(x)");
    }

    @Test
    void theRenameDirectiveExpandsAtMigrateWaitsInStatusAndContractsAtZdmContract(TestDatabase db) throws Exception {
        Flyway flyway = flyway(db, "classpath:db/zdm/renamesql");
        assertThat(afterV1(db, flyway).migrate().migrationsExecuted).as("V2 expands; V3, a contract, is held behind it").isEqualTo(1);

        assertThat(columns(db, "users")).isEqualTo("id bigint true, name text true, email text false, full_name text false");
        // the old version writes name, the new one full_name: the trigger keeps both equal either way
        db.execute("INSERT INTO users (name) VALUES ('old writer')", "INSERT INTO users (full_name) VALUES ('new writer')",
                "UPDATE users SET name = 'renamed by old' WHERE id = 1", "UPDATE users SET full_name = 'renamed by new' WHERE id = 2");
        assertThat(db.queryString("SELECT full_name FROM users WHERE name = 'old writer'")).isEqualTo("old writer");
        assertThat(db.queryString("SELECT name FROM users WHERE full_name = 'new writer'")).isEqualTo("new writer");
        assertThat(db.queryString("SELECT full_name || '|' || name FROM users WHERE id = 1")).isEqualTo("renamed by old|renamed by old");
        assertThat(db.queryString("SELECT name || '|' || full_name FROM users WHERE id = 2")).isEqualTo("renamed by new|renamed by new");
        assertThat(db.queryLong("SELECT count(*) FROM users WHERE name IS DISTINCT FROM full_name")).isZero();
        assertThat(OperationsFixture.validIndex(db, "users_name_idx_zdm")).isTrue();

        StatusReport status = ZdmCommands.of(flyway).status();
        assertThat(status.recordedPhases()).anySatisfy(p -> {
            assertThat(p.migration()).isEqualTo(V2);
            assertThat(p.phase()).isEqualTo("contract");
            assertThat(p.state()).isEqualTo("waiting");
        });
        try (Connection c = db.connect()) {
            Map<String, Object> detail = PhaseStates.in(c, "public").find(V2, "contract").orElseThrow().detail();
            assertThat(detail.get("columnChange")).isEqualTo(Map.of("kind", "rename-column", "table", "users", "from", "name",
                    "to", "full_name", "background", false));
        }

        assertThatThrownBy(() -> ZdmCommands.of(flyway).contract()).isInstanceOf(ZdmContractHeldException.class)
                .hasMessageContaining("confirmDrained");
        ZdmCommands.of(flyway).contract("2");
        assertThat(columns(db, "users")).isEqualTo("id bigint true, full_name text true");
        assertThat(db.queryString("SELECT pg_get_indexdef('users_name_idx'::regclass)")).contains("(full_name)");
        assertThat(db.queryLong("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'users'::regclass AND NOT tgisinternal")).isZero();
        try (Connection c = db.connect()) {
            assertThat(PhaseStates.in(c, "public").find(V2, "contract").orElseThrow().status()).isEqualTo(PhaseStatus.DONE);
        }
        assertThat(flyway.info().pending()).isEmpty();
    }

    @Test
    void theChangeTypeDirectiveConvertsBothWaysThroughItsInverse(TestDatabase db) throws Exception {
        Flyway flyway = afterV1(db, flyway(db, "classpath:db/zdm/changetypesql"));
        flyway.migrate();
        assertThat(columns(db, "orders")).isEqualTo("id bigint true, amount integer true, amount_zdm_new numeric(12,2) false");
        db.execute("UPDATE orders SET amount = 250 WHERE id = 1", "UPDATE orders SET amount_zdm_new = 3.10 WHERE id = 2",
                "INSERT INTO orders (amount) VALUES (999)", "INSERT INTO orders (amount_zdm_new) VALUES (12.34)");
        assertThat(db.queryString("SELECT amount_zdm_new::text FROM orders WHERE id = 1")).isEqualTo("2.50");
        assertThat(db.queryString("SELECT amount::text FROM orders WHERE id = 2")).isEqualTo("310");
        assertThat(db.queryString("SELECT amount_zdm_new::text FROM orders WHERE amount = 999")).isEqualTo("9.99");
        assertThat(db.queryString("SELECT amount::text FROM orders WHERE amount_zdm_new = 12.34")).isEqualTo("1234");
        assertThat(db.queryLong("SELECT count(*) FROM orders WHERE amount_zdm_new IS DISTINCT FROM amount::numeric / 100")).isZero();

        ZdmCommands.of(flyway).contract("2");
        assertThat(columns(db, "orders")).isEqualTo("id bigint true, amount numeric(12,2) true");
        assertThat(db.queryString("SELECT amount::text FROM orders WHERE id = 3")).isEqualTo("0.03");
    }

    @Test
    void aRollbackOfAnUnfinishedDirectiveRenameRestoresTheCatalog(TestDatabase db) throws Exception {
        flyway(db, "classpath:db/zdm/renamesql", "flyway.target", "1").migrate();
        String before = catalog(db);
        Flyway flyway = flyway(db, "classpath:db/zdm/renamesql", "flyway.target", "2");
        flyway.migrate();
        assertThat(catalog(db)).isNotEqualTo(before).contains("full_name", "trigger users_name_zdm_sync");

        assertThat(ZdmCommands.of(flyway).rollback(RollbackOptions.defaults().withRollbackTo("1")).undone()).singleElement()
                .satisfies(u -> assertThat(u.source()).contains("column change"));
        assertThat(catalog(db)).isEqualTo(before);
        assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo("1");
        try (Connection c = db.connect()) {
            assertThat(PhaseStates.in(c, "public").find(V2, "contract").orElseThrow().status()).isEqualTo(PhaseStatus.ROLLED_BACK);
        }
        // applied again, it expands again
        flyway.migrate();
        assertThat(columns(db, "users")).contains("full_name text false");
    }

    @Test
    void aBackgroundRenameReturnsAtOnceAndItsContractWaitsForTheJob(TestDatabase db, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__Create_users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n"
                + "INSERT INTO users SELECT g, 'user ' || g FROM generate_series(1, 3000) g;\nCREATE UNIQUE INDEX users_name_key ON users (name);\n");
        Files.writeString(dir.resolve("V2__Rename_name.sql"), "-- zdm:rename-column table=users from=name to=full_name background\n");
        String location = "filesystem:" + dir;
        flyway(db, location, "flyway.target", "1").migrate();
        Flyway flyway = flyway(db, location);
        flyway.migrate();

        // migrate did not walk the table: the job waits for a runner; new writes are copied by the trigger already
        assertThat(db.queryLong("SELECT count(*) FROM users WHERE full_name IS NULL")).isEqualTo(3000);
        db.execute("UPDATE users SET name = 'changed' WHERE id = 7");
        assertThat(db.queryString("SELECT full_name FROM users WHERE id = 7")).isEqualTo("changed");
        String job;
        try (Connection c = db.connect()) {
            job = BackfillJobs.all(c, "public").get(0).id();
            assertThat(BackfillJobs.all(c, "public")).singleElement().satisfies(j -> {
                assertThat(j.background()).isTrue();
                assertThat(j.done()).isFalse();
            });
        }
        assertThat(OperationsFixture.indexExists(db, "users_name_key_zdm")).as("index copies wait for the backfill").isFalse();

        assertThatThrownBy(() -> ZdmCommands.of(flyway).contract("2")).isInstanceOf(ZdmContractHeldException.class)
                .hasMessageContaining("background backfill").hasMessageContaining(job);
        assertThat(columns(db, "users")).as("nothing of the contract ran").contains("name text true");

        ZdmCommands.of(flyway).backfill(); // a runner finishes the job
        assertThat(db.queryLong("SELECT count(*) FROM users WHERE full_name IS DISTINCT FROM name")).isZero();
        ZdmCommands.of(flyway).contract("2");
        assertThat(columns(db, "users")).isEqualTo("id bigint true, full_name text true");
        assertThat(db.queryString("SELECT pg_get_indexdef('users_name_key'::regclass)")).contains("UNIQUE").contains("(full_name)");
    }

    @Test
    void directiveMistakesAreRefusedBeforeAnythingIsApplied(TestDatabase db, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__Create_users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");
        Files.writeString(dir.resolve("V2__Rename_name.sql"), "-- rename\n-- zdm:rename-column table=users form=name to=full_name\n");
        Files.writeString(dir.resolve("V3__Amount.sql"), "-- zdm:change-type table=users column=id type=numeric using=\"id::numeric\n");
        Files.writeString(dir.resolve("V4__Mixed.sql"), "-- zdm:rename-column table=users from=name to=full_name\n"
                + "ALTER TABLE users ADD COLUMN x int;\n");
        flyway(db, "filesystem:" + dir, "flyway.target", "1").migrate();
        assertThatThrownBy(() -> flyway(db, "filesystem:" + dir).migrate()).hasMessageContaining("refused to start migrate")
                .hasMessageContaining("V2__Rename_name.sql:2").hasMessageContaining("unknown option form (did you mean from?)")
                .hasMessageContaining("V3__Amount.sql:1").hasMessageContaining("never closed")
                .hasMessageContaining("V4__Mixed.sql:1").hasMessageContaining("must be the only content of its migration");
        assertThat(flyway(db, "filesystem:" + dir).info().current().getVersion().getVersion()).isEqualTo("1");
        assertThat(columns(db, "users")).isEqualTo("id bigint true, name text false");
    }

    @Test
    void onAFreshDatabaseAWrongDirectiveFailsItsMigrationInsteadOfPassingAsEmpty(TestDatabase db, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__Create_users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");
        Files.writeString(dir.resolve("V2__Rename_name.sql"), "-- zdm:rename-column table=users from=name\n");
        assertThatThrownBy(() -> flyway(db, "filesystem:" + dir).migrate()).hasMessageContaining("V2__Rename_name.sql")
                .hasMessageContaining("missing to");
        assertThat(flyway(db, "filesystem:" + dir).info().current().getVersion().getVersion()).isEqualTo("1");
    }

    @Test
    void aFailedDirectiveMigrationIsContinuedByTheNextMigrateWithoutRepair(TestDatabase db, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__Create_users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, full_name text);\n"
                + "INSERT INTO users SELECT g, 'user ' || g FROM generate_series(1, 500) g;\n");
        Files.writeString(dir.resolve("V2__Rename_name.sql"), "-- zdm:rename-column table=users from=name to=full_name\n");
        Flyway flyway = afterV1(db, flyway(db, "filesystem:" + dir));
        assertThatThrownBy(flyway::migrate).hasMessageContaining("V2__Rename_name.sql")
                .hasMessageContaining("already has a column \"full_name\" that this operation did not add");
        assertThat(columns(db, "users")).as("refused before changing anything").isEqualTo("id bigint true, name text true, full_name text false");

        db.execute("ALTER TABLE users DROP COLUMN full_name"); // the cause fixed
        assertThat(flyway.migrate().migrationsExecuted).isEqualTo(1);
        assertThat(columns(db, "users")).isEqualTo("id bigint true, name text true, full_name text false");
        assertThat(db.queryLong("SELECT count(*) FROM users WHERE full_name IS DISTINCT FROM name")).isZero();
        try (Connection c = db.connect()) {
            assertThat(PhaseStates.in(c, "public").find(V2, "contract").orElseThrow().status()).isEqualTo(PhaseStatus.WAITING);
        }
    }

    @Test
    void theJavaFormTakesBackgroundTooAndAFreshHistoryRunsTheBackfillInPlace(TestDatabase db) throws Exception {
        Flyway flyway = afterV1(db, flyway(db, "classpath:db/zdm/renamebg"));
        flyway.migrate();
        assertThat(db.queryLong("SELECT count(*) FROM users WHERE full_name IS NULL")).as("left to the job").isEqualTo(1000);
        ZdmCommands.of(flyway).backfill();
        ZdmCommands.of(flyway).contract("2");
        assertThat(columns(db, "users")).isEqualTo("id bigint true, full_name text true");

        emptySchema(db); // a new database: nobody would run the job before the contract steps, so it runs in place
        assertThat(flyway(db, "classpath:db/zdm/renamebg").migrate().migrationsExecuted).isEqualTo(2);
        assertThat(columns(db, "users")).isEqualTo("id bigint true, full_name text true");
        try (Connection c = db.connect()) {
            assertThat(BackfillJobs.all(c, "public")).noneMatch(j -> j.background());
        }
    }
}
