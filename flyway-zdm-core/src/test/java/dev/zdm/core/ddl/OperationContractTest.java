package dev.zdm.core.ddl;

import static dev.zdm.core.ddl.DdlFixtures.fast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every operation in pgroll's test shape, on the real server: the state after the expand, after the contract, after
 * the rollback of the expand (the state before), and the state after a run that starts from every half-way point a
 * crash can leave (the first k steps done, then the whole operation again): always the finished state, no error, no
 * duplicate object. The state is the catalog of schema public (flyway-zdm's own zdm_* tables aside): constraints, indexes
 * with their validity, NOT NULL columns.
 */
@PostgresTest
class OperationContractTest {
    private static final String USERS = "CREATE TABLE users (id int, email text, score int); "
            + "INSERT INTO users SELECT g, 'u' || g || '@example.com', g FROM generate_series(1, 500) g";
    private static final String ORDERS = USERS + "; ALTER TABLE users ADD PRIMARY KEY (id); "
            + "CREATE TABLE orders (id int PRIMARY KEY, user_id int); INSERT INTO orders SELECT g, g FROM generate_series(1, 500) g";
    private static final String EVENTS = "CREATE TABLE events (id int NOT NULL, tenant int NOT NULL, created date NOT NULL) "
            + "PARTITION BY RANGE (created); "
            + "CREATE TABLE events_01 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2024-02-01'); "
            + "CREATE TABLE events_02 PARTITION OF events FOR VALUES FROM ('2024-02-01') TO ('2024-03-01') PARTITION BY LIST (tenant); "
            + "CREATE TABLE events_02_low PARTITION OF events_02 FOR VALUES IN (0, 1); "
            + "CREATE TABLE events_02_rest PARTITION OF events_02 DEFAULT; "
            + "INSERT INTO events SELECT g, g % 4, date '2024-01-01' + (g % 59) FROM generate_series(1, 400) g";

    /**
     * One operation under test.
     *
     * @param setup       the schema before it (run on an empty public schema)
     * @param operation   the operation, for the server's version
     * @param afterExpand a query that reads {@code t} once the expand steps ran (and {@code f} before)
     */
    record Case(String name, String setup, Function<Operations, Operation> operation, String afterExpand) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("create index", USERS, ops -> ops.createIndex(IndexDefinition.on("users").columns("email").name("users_email_idx")),
                        "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('users_email_idx')"),
                new Case("create partitioned index", EVENTS, ops -> ops.createPartitionedIndex(IndexDefinition.on("events").columns("tenant")
                        .name("events_tenant_idx")), "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('events_tenant_idx')"),
                new Case("create index on a partitioned table", EVENTS, ops -> ops.createIndex(IndexDefinition.on("events").columns("id")
                        .name("events_id_idx")), "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('events_id_idx')"),
                new Case("drop index", USERS + "; CREATE INDEX users_score_idx ON users (score)",
                        ops -> ops.dropIndex(QualifiedName.of("users_score_idx")), "SELECT to_regclass('users_score_idx') IS NOT NULL"),
                new Case("reindex index", USERS + "; CREATE INDEX users_score_idx ON users (score)",
                        ops -> ops.reindexIndex(QualifiedName.of("users_score_idx")), "SELECT to_regclass('users_score_idx') IS NOT NULL"),
                new Case("reindex table", USERS + "; CREATE INDEX users_score_idx ON users (score)",
                        ops -> ops.reindexTable(QualifiedName.of("users")), "SELECT to_regclass('users_score_idx') IS NOT NULL"),
                new Case("add foreign key", ORDERS, ops -> ops.addForeignKey(ForeignKeyDefinition.from("orders", "user_id").references("users", "id")),
                        "SELECT convalidated FROM pg_constraint WHERE conname = 'orders_user_id_fkey'"),
                new Case("add check", USERS, ops -> ops.addCheck(QualifiedName.of("users"), "users_score_check", "score > 0"),
                        "SELECT convalidated FROM pg_constraint WHERE conname = 'users_score_check'"),
                new Case("add unique", USERS, ops -> ops.addUnique(QualifiedName.of("users"), null, List.of("email")),
                        "SELECT contype = 'u' FROM pg_constraint WHERE conname = 'users_email_key'"),
                new Case("add primary key", USERS, ops -> ops.addPrimaryKey(QualifiedName.of("users"), null, List.of("id")),
                        // the expand: the NOT NULL proof validated and the unique index built; the key comes in the contract
                        "SELECT (SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('users_pkey')) "
                                + "AND (SELECT convalidated FROM pg_constraint WHERE conname IN ('users_id_zdm_not_null', 'users_id_not_null')) "
                                + "AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'users'::regclass AND contype = 'p')"),
                new Case("set not null", USERS, ops -> ops.setNotNull(QualifiedName.of("users"), "email"),
                        "SELECT convalidated FROM pg_constraint WHERE conname IN ('users_email_zdm_not_null', 'users_email_not_null')"),
                new Case("rename column", USERS + "; ALTER TABLE users ADD PRIMARY KEY (id); ALTER TABLE users ALTER COLUMN email SET NOT NULL; "
                        + "CREATE INDEX users_email_idx ON users (email); ALTER TABLE users ADD CONSTRAINT users_id_email_key UNIQUE (id, email)",
                        ops -> ops.renameColumn(QualifiedName.of("users"), "email", "contact"),
                        "SELECT count(*) = 0 FROM users WHERE email IS DISTINCT FROM contact"),
                new Case("change column type", USERS + "; ALTER TABLE users ADD PRIMARY KEY (id); CREATE INDEX users_score_idx ON users (score DESC)",
                        ops -> ops.changeType(QualifiedName.of("users"), "score", "bigint", null, null),
                        "SELECT count(*) = 0 FROM users WHERE score IS DISTINCT FROM score_zdm_new"),
                new Case("change type of a referenced serial primary key", "CREATE TABLE users (id serial PRIMARY KEY, email text); "
                        + "INSERT INTO users (email) SELECT 'u' || g FROM generate_series(1, 500) g; "
                        + "CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users (id) ON DELETE CASCADE); "
                        + "INSERT INTO orders SELECT g, g FROM generate_series(1, 500) g",
                        ops -> ops.changeType(QualifiedName.of("users"), "id", "bigint", null, null),
                        "SELECT count(*) = 0 FROM users WHERE id IS DISTINCT FROM id_zdm_new"),
                new Case("set not null via a validated check", USERS, ops -> SetNotNullViaValidatedCheck.operation(QualifiedName.of("users"), "email"),
                        "SELECT convalidated AND NOT (SELECT attnotnull FROM pg_attribute WHERE attrelid = 'users'::regclass "
                                + "AND attname = 'email') FROM pg_constraint WHERE conname = 'users_email_zdm_not_null'"));
    }

    /** The catalog of schema public, one line per constraint, index and NOT NULL column, sorted. */
    private static String state(TestDatabase db) throws SQLException {
        return db.queryString("SELECT coalesce(string_agg(x, E'\\n' ORDER BY x), '') FROM ("
                + "SELECT 'constraint ' || c.conrelid::regclass || ' ' || c.conname || ' ' || c.contype::text || ' validated=' || c.convalidated AS x "
                + "FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' "
                + "UNION ALL SELECT 'index ' || i.indexrelid::regclass || ' on ' || i.indrelid::regclass || ' valid=' || i.indisvalid "
                + "|| ' ' || pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' "
                + "UNION ALL SELECT 'not null ' || a.attrelid::regclass || '.' || a.attname FROM pg_attribute a "
                + "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND a.attnotnull AND NOT a.attisdropped) s "
                // the backfill engine's bookkeeping tables (created by the column copies' backfill) are not the operation's
                + "WHERE x !~ '^(constraint|index|not null) zdm_'");
    }

    private static void fresh(TestDatabase db, Case c) throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS public CASCADE", "CREATE SCHEMA public");
        db.execute(c.setup().split("; "));
    }

    private interface Work {
        void run(OperationRunner runner, Operation operation) throws SQLException;
    }

    private static RecordingReporter with(TestDatabase db, Case c, Work work) throws SQLException {
        RecordingReporter log = new RecordingReporter();
        try (Connection connection = db.connect("zdm-operation")) {
            DdlSession session = new DdlSession(connection, db::connect, fast(), log);
            OperationRunner runner = OperationRunner.on(session);
            work.run(runner, c.operation().apply(runner.operations()));
        }
        return log;
    }

    @TestFactory
    Stream<DynamicTest> expandContractRollbackAndResume(TestDatabase db) {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(db, c)));
    }

    private static void check(TestDatabase db, Case c) throws Exception {
        fresh(db, c);
        String before = state(db);
        with(db, c, OperationRunner::run);
        String finished = state(db);
        with(db, c, (runner, op) -> assertThat(runner.done(op)).as("%s: every step done after a full run", c).containsOnly(true));
        with(db, c, OperationRunner::run);
        assertThat(state(db)).as("%s: running it again changes nothing", c).isEqualTo(finished);

        // expand, then contract: the finished state
        fresh(db, c);
        with(db, c, OperationRunner::expand);
        assertThat(db.queryString(c.afterExpand())).as("%s: state after the expand", c).isEqualTo("t");
        String expanded = state(db);
        with(db, c, OperationRunner::expand);
        assertThat(state(db)).as("%s: the expand again changes nothing", c).isEqualTo(expanded);
        with(db, c, OperationRunner::contract);
        assertThat(state(db)).as("%s: state after the contract", c).isEqualTo(finished);

        // expand, then rollback: the state before (or, for an operation without undo, what the expand left)
        fresh(db, c);
        with(db, c, OperationRunner::expand);
        with(db, c, OperationRunner::rollback);
        with(db, c, OperationRunner::rollback);
        boolean undoable = c.operation().apply(Operations.forServer(db.serverMajorVersion())).steps(Phase.EXPAND).stream()
                .anyMatch(s -> s.undo().isPresent());
        assertThat(state(db)).as("%s: state after the rollback of the expand", c).isEqualTo(undoable ? before : expanded);

        // a crash after each step, then the whole operation again
        int steps = c.operation().apply(Operations.forServer(db.serverMajorVersion())).steps().size();
        for (int k = 1; k < steps; k++) {
            int done = k;
            fresh(db, c);
            with(db, c, (runner, op) -> runner.runFirst(op, done));
            with(db, c, OperationRunner::run);
            assertThat(state(db)).as("%s: resumed after step %d of %d", c, k, steps).isEqualTo(finished);
        }
    }

    @Test
    void theContractIsRefusedBeforeTheExpand(TestDatabase db) throws Exception {
        Case c = cases().stream().filter(x -> x.name().equals("set not null via a validated check")).findFirst().orElseThrow();
        fresh(db, c);
        String before = state(db);
        assertThatThrownBy(() -> with(db, c, OperationRunner::contract)).isInstanceOf(DdlException.class)
                .hasMessageContaining("cannot contract before the expand is done")
                .hasMessageContaining("add CHECK (column IS NOT NULL) NOT VALID");
        assertThat(state(db)).isEqualTo(before);
    }

    @Test
    void postgres18SetsNotNullNativelyInTheExpandAndRollsItBack(TestDatabase db) throws Exception {
        assumeTrue(db.serverMajorVersion() >= 18, "NOT NULL ... NOT VALID needs PostgreSQL 18");
        Case c = new Case("set not null natively", USERS, ops -> SetNotNullNotValidThenValidate.operation(QualifiedName.of("users"), "email"),
                "SELECT convalidated FROM pg_constraint WHERE conname = 'users_email_not_null'");
        check(db, c);
        fresh(db, c);
        with(db, c, OperationRunner::expand);
        assertThat(db.queryString("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'email'")).isEqualTo("t");
    }

    @Test
    void everyOperationSeparatesItsPhasesAndUndoesItsExpand() {
        for (int version : new int[] {15, 18}) {
            for (Case c : cases()) {
                Operation op = c.operation().apply(Operations.forServer(version));
                assertThat(op.steps()).as(c.name()).isNotEmpty();
                for (Step step : op.steps()) {
                    StepDescription d = step.describe();
                    assertThat(d.sql()).as("%s: %s", c, step).isNotBlank();
                    assertThat(d.phase()).isEqualTo(step.phase());
                    if (step.phase() == Phase.CONTRACT) {
                        assertThat(step.undo()).as("%s: a contract step has no undo", c).isEmpty();
                    }
                }
            }
        }
    }
}
