package dev.zdm.core.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.sql.LockLevel;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.StatementLocks;
import dev.zdm.core.sql.StatementModel;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import dev.zdm.test.concurrency.LockMode;
import dev.zdm.test.concurrency.PgLocks;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every rule's lock claim and every entry of the lock table ({@link StatementLocks}), checked on a real server: the
 * example statement runs in an open transaction (or, for statements PostgreSQL refuses in one, while a blocker makes it
 * wait) while a second connection reads the lock it holds from pg_locks. The statement model must claim the same lock,
 * since the gate and the runner rely on it.
 */
@PostgresTest
class RuleLockLevelTest {
    /** Rules whose finding is not about a lock the statement takes (a failure, a mix-up, a missing setting, a phase). */
    private static final Set<String> NOT_ABOUT_A_LOCK = Set.of("ZDM100", "ZDM104", "ZDM105", "ZDM106", "ZDM111", "ZDM134",
            "ZDM138", "ZDM139", "ZDM140", "ZDM141", "ZDM142", "ZDM143", "ZDM144", "ZDM151");

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
            createSchema(db, schema, List.of(example.setup().split(";")));
            StatementModel model = SqlScript.parse("V1__x.sql", example.statement()).statements().get(0).model();
            Optional<LockLevel> claimed = model.lockOn(RelationName.of(example.relation()));
            claimed.ifPresent(level -> assertThat(level).as("%s: model lock on %s", rule.id(), example.relation()).isEqualTo(example.lock()));

            Optional<LockMode> held = heldInTransaction(db, schema, example.statement(), List.of(example.relation()))
                    .get(example.relation());
            assertThat(held).as("%s: lock held by '%s' on %s", rule.id(), example.statement(), example.relation())
                    .contains(LockMode.valueOf(example.lock().name()));
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
            CompletableFuture<Void> build = runAsync(migration, statement);
            assertThat(PgLocks.await(observer, "cic", l -> l.pid() == pid && l.granted(), Duration.ofSeconds(10)))
                    .get().extracting(PgLocks.RelationLock::mode).isEqualTo(LockMode.SHARE_UPDATE_EXCLUSIVE);
            old.close();
            build.get(30, TimeUnit.SECONDS);
        }
        assertThat(db.queryLong("SELECT count(*) FROM pg_index WHERE indexrelid = 'cic_id'::regclass AND indisvalid")).isEqualTo(1);
    }

    @Test
    void everyEntryOfTheLockTableHoldsItsLockOnARealServer(TestDatabase db) throws Exception {
        assertThat(FORMS.keySet()).as("an example for every entry of StatementLocks").containsExactlyInAnyOrder(StatementLocks.values());
        int major = db.serverMajorVersion();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<StatementLocks, Form> e : FORMS.entrySet()) {
            StatementLocks entry = e.getKey();
            Form form = e.getValue();
            if (major < form.since()) {
                continue; // REPACK: PostgreSQL 19
            }
            String schema = "form_" + entry.name().toLowerCase(Locale.ROOT);
            String statement = form.statement().replace("{s}", schema);
            createSchema(db, schema, form.setup().stream().map(sql -> sql.replace("{s}", schema)).toList());
            StatementModel model = SqlScript.parse("V1__x.sql", statement).statements().get(0).model();
            for (String relation : form.relations()) {
                Optional<LockLevel> claimed = model.lockOn(RelationName.of(relation));
                if (!claimed.equals(Optional.of(entry.level()))) {
                    wrong.add(entry.name() + " (" + entry + "): the model of '" + statement + "' claims " + claimed.map(LockLevel::sql)
                            .orElse("no lock") + " on " + relation);
                }
            }
            Map<String, Optional<LockMode>> held = form.blocker() == null ? heldInTransaction(db, schema, statement, form.relations())
                    : heldWhileWaiting(db, schema, statement, form);
            held.forEach((relation, mode) -> {
                if (!mode.equals(Optional.of(LockMode.valueOf(entry.level().name())))) {
                    wrong.add(entry.name() + " (" + entry + "): '" + statement + "' holds " + mode.map(LockMode::sql).orElse("no lock")
                            + " on " + relation + " on PostgreSQL " + major);
                }
            });
            checked++;
        }
        assertThat(wrong).as("entries of StatementLocks that PostgreSQL contradicts").isEmpty();
        assertThat(checked).isGreaterThanOrEqualTo(StatementLocks.values().length - 2);
    }

    private static void createSchema(TestDatabase db, String schema, List<String> setup) throws Exception {
        db.execute("CREATE SCHEMA " + schema);
        try (Connection connection = db.connect(); Statement s = connection.createStatement()) {
            s.execute("SET search_path TO " + schema);
            for (String sql : setup) {
                s.execute(sql);
            }
        }
    }

    private static CompletableFuture<Void> runAsync(Connection connection, String sql) {
        return CompletableFuture.runAsync(() -> {
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * What {@link StatementLocks#DETACH_PARTITION_CONCURRENTLY} says it does not claim: a reader of the partition lets
     * the first transaction through and holds up the final step, which asks for ACCESS EXCLUSIVE on the partition.
     */
    @Test
    void detachPartitionConcurrentlyFinishesUnderAccessExclusiveOnThePartition(TestDatabase db) throws Exception {
        Form form = waiting("ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY", List.of(PARENT, PARTITION),
                "LOCK TABLE {s}.p1 IN ACCESS SHARE MODE", "p", "p1");
        createSchema(db, "detach_final", form.setup());
        Map<String, Optional<LockMode>> held = heldWhileWaiting(db, "detach_final", form.statement(), form);
        assertThat(held).containsEntry("p", Optional.of(LockMode.SHARE_UPDATE_EXCLUSIVE))
                .containsEntry("p1", Optional.of(LockMode.ACCESS_EXCLUSIVE));
    }

    /** The strongest lock the statement holds on each relation, read while its transaction is open. */
    private static Map<String, Optional<LockMode>> heldInTransaction(TestDatabase db, String schema, String statement,
                                                                     List<String> relations) throws Exception {
        Map<String, Optional<LockMode>> out = new java.util.LinkedHashMap<>();
        try (Connection migration = db.connect(); Connection observer = db.connect(); Statement s = migration.createStatement()) {
            migration.setAutoCommit(false);
            s.execute("SET search_path TO " + schema);
            int pid = dev.zdm.core.lock.Sessions.backendPid(migration);
            s.execute(statement);
            for (String relation : relations) {
                out.put(relation, PgLocks.strongestHeld(observer, pid, schema + "." + relation));
            }
            migration.rollback();
        }
        return out;
    }

    /**
     * For statements that cannot run in a transaction block: a blocker transaction makes the statement wait (for the
     * blocker's lock or for it to end), and the strongest lock it holds or asks for on each relation is read then.
     */
    private static Map<String, Optional<LockMode>> heldWhileWaiting(TestDatabase db, String schema, String statement, Form form)
            throws Exception {
        Map<String, Optional<LockMode>> out = new java.util.LinkedHashMap<>();
        try (Blocker blocker = Blocker.openTransaction(db, form.blocker().replace("{s}", schema));
             Connection observer = db.connect(); Connection migration = db.connect()) {
            try (Statement s = migration.createStatement()) {
                s.execute("SET search_path TO " + schema);
            }
            int pid = dev.zdm.core.lock.Sessions.backendPid(migration);
            CompletableFuture<Void> run = runAsync(migration, statement);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!PgLocks.blockingPids(observer, pid).contains(blocker.pid())) {
                assertThat(System.nanoTime()).as("'%s' waits for the blocker", statement).isLessThan(deadline);
                assertThat(run).as("'%s' ended without waiting for the blocker", statement).isNotDone();
                Thread.sleep(5);
            }
            for (String relation : form.relations()) {
                out.put(relation, PgLocks.locksOn(observer, schema + "." + relation).stream().filter(l -> l.pid() == pid)
                        .map(PgLocks.RelationLock::mode).max(Enum::compareTo));
            }
            blocker.close();
            run.get(30, TimeUnit.SECONDS);
        }
        return out;
    }

    /**
     * An example of one lock-table entry.
     *
     * @param blocker   null: run in an open transaction; otherwise what a blocker transaction runs first so that the
     *                  statement (one PostgreSQL refuses in a transaction block) waits while its lock is read
     * @param relations the relations it locks at the entry's level
     * @param since     the first PostgreSQL major that has the statement
     */
    private record Form(List<String> setup, String statement, String blocker, List<String> relations, int since) {
    }

    private static final String TABLE = "CREATE TABLE t (id int PRIMARY KEY, a int)";
    private static final String INDEX = "CREATE INDEX i ON t (a)";
    private static final String PARENT = "CREATE TABLE p (a int) PARTITION BY RANGE (a)";
    private static final String PARTITION = "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10)";
    private static final String CHECK = "ALTER TABLE t ADD CONSTRAINT ck CHECK (a > 0) NOT VALID";
    private static final String VIEW = "CREATE MATERIALIZED VIEW mv AS SELECT id FROM t";
    /** Holds a lock that conflicts with every concurrent build's wait, and an old snapshot. */
    private static final String WRITER = "INSERT INTO {s}.t VALUES (1, 1)";

    private static Form tx(String statement, List<String> setup, String... relations) {
        return new Form(setup, statement, null, List.of(relations), 0);
    }

    private static Form tx(String statement, String... relations) {
        return tx(statement, List.of(TABLE), relations);
    }

    private static Form waiting(String statement, List<String> setup, String blocker, String... relations) {
        return new Form(setup, statement, blocker, List.of(relations), 0);
    }

    /**
     * Queued behind {@code blocker} on t, a mode that conflicts with the statement's lock but not with the ACCESS SHARE
     * lock VACUUM takes first to look the table up: the mode it asks for is read.
     */
    private static Form queued(String statement, LockMode blocker) {
        return waiting(statement, List.of(TABLE), "LOCK TABLE {s}.t IN " + blocker.sql() + " MODE", "t");
    }

    private static final Map<StatementLocks, Form> FORMS = new EnumMap<>(StatementLocks.class);

    static {
        FORMS.put(StatementLocks.CREATE_INDEX, tx("CREATE INDEX i ON t (a)", "t"));
        FORMS.put(StatementLocks.CREATE_INDEX_CONCURRENTLY, waiting("CREATE INDEX CONCURRENTLY i ON t (a)", List.of(TABLE), WRITER, "t"));
        FORMS.put(StatementLocks.CREATE_TABLE_PARTITION_OF, tx(PARTITION, List.of(PARENT), "p"));
        FORMS.put(StatementLocks.CREATE_TABLE_REFERENCES, tx("CREATE TABLE c (t_id int REFERENCES t (id))", "t"));
        FORMS.put(StatementLocks.CREATE_TRIGGER, tx("CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()",
                List.of(TABLE, "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$"), "t"));
        FORMS.put(StatementLocks.CREATE_POLICY, tx("CREATE POLICY pol ON t USING (true)", "t"));
        FORMS.put(StatementLocks.CREATE_RULE, tx("CREATE RULE r AS ON INSERT TO t DO INSTEAD NOTHING", "t"));
        FORMS.put(StatementLocks.DROP, tx("DROP INDEX i", List.of(TABLE, INDEX), "i"));
        FORMS.put(StatementLocks.DROP_CONCURRENTLY, waiting("DROP INDEX CONCURRENTLY i", List.of(TABLE, INDEX), WRITER, "i"));
        FORMS.put(StatementLocks.REINDEX_INDEX, tx("REINDEX INDEX i", List.of(TABLE, INDEX), "i"));
        FORMS.put(StatementLocks.REINDEX_TABLE, tx("REINDEX TABLE t", "t"));
        FORMS.put(StatementLocks.REINDEX_CONCURRENTLY, waiting("REINDEX INDEX CONCURRENTLY i", List.of(TABLE, INDEX), WRITER, "i"));
        FORMS.put(StatementLocks.REFRESH_MATERIALIZED_VIEW, tx("REFRESH MATERIALIZED VIEW mv", List.of(TABLE, VIEW), "mv"));
        FORMS.put(StatementLocks.REFRESH_MATERIALIZED_VIEW_CONCURRENTLY, tx("REFRESH MATERIALIZED VIEW CONCURRENTLY mv",
                List.of(TABLE, VIEW, "CREATE UNIQUE INDEX ON mv (id)"), "mv"));
        FORMS.put(StatementLocks.CLUSTER, tx("CLUSTER t USING t_pkey", "t"));
        FORMS.put(StatementLocks.VACUUM, queued("VACUUM t", LockMode.SHARE_UPDATE_EXCLUSIVE));
        FORMS.put(StatementLocks.VACUUM_FULL, queued("VACUUM FULL t", LockMode.ACCESS_SHARE));
        FORMS.put(StatementLocks.REPACK, new Form(List.of(TABLE), "REPACK t", null, List.of("t"), 19));
        FORMS.put(StatementLocks.REPACK_CONCURRENTLY, new Form(List.of(TABLE), "REPACK (CONCURRENTLY) t", WRITER, List.of("t"), 19));
        FORMS.put(StatementLocks.ANALYZE, tx("ANALYZE t", "t"));
        FORMS.put(StatementLocks.TRUNCATE, tx("TRUNCATE t", "t"));
        FORMS.put(StatementLocks.LOCK_TABLE, tx("LOCK TABLE t", "t"));
        FORMS.put(StatementLocks.INSERT, tx("INSERT INTO t VALUES (1, 1)", "t"));
        FORMS.put(StatementLocks.UPDATE, tx("UPDATE t SET a = 2", "t"));
        FORMS.put(StatementLocks.DELETE, tx("DELETE FROM t", "t"));
        FORMS.put(StatementLocks.MERGE, tx("MERGE INTO t USING (SELECT 1 AS id) s ON t.id = s.id WHEN NOT MATCHED THEN INSERT VALUES (s.id, 0)",
                "t"));
        FORMS.put(StatementLocks.COPY_FROM, tx("COPY t FROM '/dev/null'", "t"));
        FORMS.put(StatementLocks.ALTER_INDEX_ATTACH_PARTITION, tx("ALTER INDEX pi ATTACH PARTITION p1i",
                List.of(PARENT, PARTITION, "CREATE INDEX pi ON ONLY p (a)", "CREATE INDEX p1i ON p1 (a)"), "pi"));
        FORMS.put(StatementLocks.ALTER_INDEX_RENAME, tx("ALTER INDEX i RENAME TO j", List.of(TABLE, INDEX), "i"));
        FORMS.put(StatementLocks.ALTER_INDEX_SET_TABLESPACE, tx("ALTER INDEX i SET TABLESPACE pg_default", List.of(TABLE, INDEX), "i"));
        FORMS.put(StatementLocks.ALTER_INDEX_OTHER, tx("ALTER INDEX i SET (fillfactor = 70)", List.of(TABLE, INDEX), "i"));
        FORMS.put(StatementLocks.ALTER_MATERIALIZED_VIEW, tx("ALTER MATERIALIZED VIEW mv RENAME TO mv2", List.of(TABLE, VIEW), "mv"));
        FORMS.put(StatementLocks.ADD_COLUMN, tx("ALTER TABLE t ADD COLUMN b int", "t"));
        FORMS.put(StatementLocks.DROP_COLUMN, tx("ALTER TABLE t DROP COLUMN a", "t"));
        FORMS.put(StatementLocks.ALTER_COLUMN_TYPE, tx("ALTER TABLE t ALTER COLUMN a TYPE bigint", "t"));
        FORMS.put(StatementLocks.SET_NOT_NULL, tx("ALTER TABLE t ALTER COLUMN a SET NOT NULL", "t"));
        FORMS.put(StatementLocks.DROP_NOT_NULL, tx("ALTER TABLE t ALTER COLUMN a DROP NOT NULL", "t"));
        FORMS.put(StatementLocks.COLUMN_DEFAULT, tx("ALTER TABLE t ALTER COLUMN a SET DEFAULT 0", "t"));
        FORMS.put(StatementLocks.COLUMN_STATISTICS, tx("ALTER TABLE t ALTER COLUMN a SET STATISTICS 100", "t"));
        FORMS.put(StatementLocks.COLUMN_OPTIONS, tx("ALTER TABLE t ALTER COLUMN a SET (n_distinct = 100)", "t"));
        FORMS.put(StatementLocks.ALTER_COLUMN_OTHER, tx("ALTER TABLE t ALTER COLUMN a SET STORAGE PLAIN", "t"));
        FORMS.put(StatementLocks.ADD_CONSTRAINT, tx(CHECK, "t"));
        FORMS.put(StatementLocks.ADD_FOREIGN_KEY, tx("ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (t_id) REFERENCES t (id) NOT VALID",
                List.of(TABLE, "CREATE TABLE c (t_id int)"), "c", "t"));
        FORMS.put(StatementLocks.VALIDATE_CONSTRAINT, tx("ALTER TABLE t VALIDATE CONSTRAINT ck", List.of(TABLE, CHECK), "t"));
        FORMS.put(StatementLocks.DROP_CONSTRAINT, tx("ALTER TABLE t DROP CONSTRAINT ck", List.of(TABLE, CHECK), "t"));
        FORMS.put(StatementLocks.ALTER_CONSTRAINT, tx("ALTER TABLE c ALTER CONSTRAINT fk DEFERRABLE",
                List.of(TABLE, "CREATE TABLE c (t_id int CONSTRAINT fk REFERENCES t (id))"), "c"));
        FORMS.put(StatementLocks.RENAME_COLUMN, tx("ALTER TABLE t RENAME COLUMN a TO b", "t"));
        FORMS.put(StatementLocks.RENAME_TABLE, tx("ALTER TABLE t RENAME TO u", "t"));
        FORMS.put(StatementLocks.RENAME_CONSTRAINT, tx("ALTER TABLE t RENAME CONSTRAINT ck TO ck2", List.of(TABLE, CHECK), "t"));
        FORMS.put(StatementLocks.SET_TABLESPACE, tx("ALTER TABLE t SET TABLESPACE pg_default", "t"));
        FORMS.put(StatementLocks.SET_LOGGED, tx("ALTER TABLE t SET UNLOGGED", "t"));
        FORMS.put(StatementLocks.SET_ACCESS_METHOD, tx("ALTER TABLE t SET ACCESS METHOD heap", "t"));
        FORMS.put(StatementLocks.SET_SCHEMA, tx("ALTER TABLE t SET SCHEMA {s}_other", List.of(TABLE, "CREATE SCHEMA {s}_other"), "t"));
        FORMS.put(StatementLocks.SET_STORAGE_PARAMETERS, tx("ALTER TABLE t SET (fillfactor = 70)", "t"));
        FORMS.put(StatementLocks.CLUSTER_ON, tx("ALTER TABLE t CLUSTER ON t_pkey", "t"));
        FORMS.put(StatementLocks.TOGGLE_TRIGGER, tx("ALTER TABLE t DISABLE TRIGGER USER", "t"));
        FORMS.put(StatementLocks.TOGGLE_OTHER, tx("ALTER TABLE t ENABLE ROW LEVEL SECURITY", "t"));
        FORMS.put(StatementLocks.OWNER_TO, tx("ALTER TABLE t OWNER TO CURRENT_USER", "t"));
        FORMS.put(StatementLocks.ATTACH_PARTITION, tx("ALTER TABLE p ATTACH PARTITION p1 FOR VALUES FROM (0) TO (10)",
                List.of(PARENT, "CREATE TABLE p1 (a int)"), "p"));
        FORMS.put(StatementLocks.ATTACHED_PARTITION, tx("ALTER TABLE p ATTACH PARTITION p1 FOR VALUES FROM (0) TO (10)",
                List.of(PARENT, "CREATE TABLE p1 (a int)"), "p1"));
        FORMS.put(StatementLocks.DETACH_PARTITION, tx("ALTER TABLE p DETACH PARTITION p1", List.of(PARENT, PARTITION), "p", "p1"));
        // Queued behind a SHARE UPDATE EXCLUSIVE lock on the partition in its first transaction.
        FORMS.put(StatementLocks.DETACH_PARTITION_CONCURRENTLY, waiting("ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY",
                List.of(PARENT, PARTITION), "LOCK TABLE {s}.p1 IN SHARE UPDATE EXCLUSIVE MODE", "p", "p1"));
        FORMS.put(StatementLocks.ALTER_TABLE_OTHER, tx("ALTER TABLE t REPLICA IDENTITY FULL", "t"));
    }
}
