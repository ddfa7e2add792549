package dev.zdm.core.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** The statement forms: batched DELETE, UPDATE ... FROM a join source, aliases, no predicate. */
@PostgresTest
class BackfillFormsTest {

    private static BackfillResult run(TestDatabase db, String id, Backfill backfill) throws Exception {
        try (Connection c = db.connect()) {
            return new BackfillExecutor(c, "public").run(id, backfill);
        }
    }

    @Test
    void deletesInBatches(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE audit_log (id int PRIMARY KEY, created_at date NOT NULL)",
                "INSERT INTO audit_log SELECT g, date '2024-01-01' + (g % 400) FROM generate_series(1, 8000) g");
        long old = db.queryLong("SELECT count(*) FROM audit_log WHERE created_at < date '2024-06-01'");

        BackfillResult result = run(db, "retention", Backfill.deleteFrom("audit_log").where("created_at < date '2024-06-01'").batchSize(900));

        assertThat(result.rowsChanged()).isEqualTo(old);
        assertThat(db.queryLong("SELECT count(*) FROM audit_log")).isEqualTo(8000 - old);
        assertThat(db.queryLong("SELECT count(*) FROM audit_log WHERE created_at < date '2024-06-01'")).isZero();
        assertThat(result.remainingVerified()).isTrue();
    }

    @Test
    void deletesWithAUsingSource(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE tenants (id int PRIMARY KEY, closed boolean NOT NULL)",
                "CREATE TABLE documents (id int PRIMARY KEY, tenant_id int NOT NULL)",
                "INSERT INTO tenants SELECT g, g % 3 = 0 FROM generate_series(1, 30) g",
                "INSERT INTO documents SELECT g, 1 + g % 30 FROM generate_series(1, 3000) g");

        run(db, "closed-tenants", Backfill.deleteFrom("documents").as("d").from("tenants t").where("t.id = d.tenant_id AND t.closed")
                .batchSize(500));

        assertThat(db.queryLong("SELECT count(*) FROM documents d JOIN tenants t ON t.id = d.tenant_id WHERE t.closed")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM documents")).isEqualTo(2000);
    }

    @Test
    void updatesFromAJoinSource(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL)",
                "CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL, customer_name text, n int NOT NULL DEFAULT 0)",
                "INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 100) g",
                "INSERT INTO orders (id, customer_id) SELECT g, 1 + g % 100 FROM generate_series(1, 4000) g",
                // an order whose customer is missing stays as it is and is not counted as left over
                "INSERT INTO orders (id, customer_id) VALUES (4001, 999)");

        BackfillResult result = run(db, "order-names", Backfill.table("orders").set("customer_name = c.name, n = orders.n + 1")
                .from("customers c").where("c.id = orders.customer_id AND orders.customer_name IS NULL").batchSize(333));

        assertThat(result.rowsChanged()).isEqualTo(4000);
        assertThat(db.queryLong("SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id "
                + "WHERE o.customer_name = c.name AND o.n = 1")).isEqualTo(4000);
        assertThat(db.queryLong("SELECT count(*) FROM orders WHERE id = 4001 AND customer_name IS NULL AND n = 0")).isOne();
        assertThat(result.remainingVerified()).isTrue();
    }

    @Test
    void anAliasNamesTheTableInTheFragments(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE products (id int PRIMARY KEY, price numeric NOT NULL, price_cents bigint)",
                "CREATE TABLE id (id int)",
                "INSERT INTO products SELECT g, g / 100.0 FROM generate_series(1, 1000) g");

        run(db, "cents", Backfill.table("products").as("p").set("price_cents = (p.price * 100)::bigint").where("p.price_cents IS NULL")
                .batchSize(128));

        assertThat(db.queryLong("SELECT count(*) FROM products WHERE price_cents = id")).isEqualTo(1000);
    }

    @Test
    void withoutAPredicateEveryRowIsChangedOnceAndNothingIsCounted(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL DEFAULT 0)",
                "INSERT INTO counters (id) SELECT g FROM generate_series(1, 1500) g");

        BackfillResult result = run(db, "all-rows", Backfill.table("counters").set("n = n + 1").batchSize(200));

        assertThat(db.queryLong("SELECT count(*) FROM counters WHERE n <> 1")).isZero();
        assertThat(result.remainingVerified()).isFalse();
        assertThat(result.rowsChanged()).isEqualTo(1500);
    }

    @Test
    void anAdaptiveRunGrowsItsBatchesTowardsTheTarget(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE wide (id int PRIMARY KEY, v int)", "INSERT INTO wide SELECT g FROM generate_series(1, 60000) g");

        BackfillResult result = run(db, "adaptive", Backfill.table("wide").set("v = 1").where("v IS NULL")
                .targetBatchDuration(java.time.Duration.ofMillis(100)));

        assertThat(result.rowsChanged()).isEqualTo(60000);
        // from 1000 keys up to the target: far fewer batches than the 60 a fixed size of 1000 would take
        assertThat(result.batches()).isLessThan(30);
    }

    @Test
    void aFragmentIsCheckedBeforeAnythingRuns() {
        assertThatThrownBy(() -> Backfill.table("t").set("a = 1; DROP TABLE t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contains ';'");
        assertThatThrownBy(() -> Backfill.table("t").where("a = 'unterminated"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unterminated string constant");
        assertThatThrownBy(() -> Backfill.table("t").where("(a = 1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unbalanced parentheses");
        assertThat(Backfill.table("t").set("note = 'a;b'").setClause()).contains("note = 'a;b'");
        // a trailing comment would cut the generated statement ("column index is out of range")
        assertThatThrownBy(() -> Backfill.table("t").set("v = 1 --"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Backfill.set(\"v = 1 --\") ends in a -- comment");
        assertThatThrownBy(() -> Backfill.table("t").from("other o --"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Backfill.from(");
        assertThat(Backfill.table("t").set("note = '--x'").where("(a > 0 AND (b = 1 OR c = ';'))").whereClause())
                .contains("(a > 0 AND (b = 1 OR c = ';'))");
    }

    @Test
    void fragmentsWithSeparatorsInsideStringsAndNestedParenthesesRun(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE notes_kept (id int PRIMARY KEY, body text, n int)",
                "INSERT INTO notes_kept SELECT g, NULL, g FROM generate_series(1, 50) g");

        BackfillResult result = run(db, "literal-separators", Backfill.table("notes_kept").set("body = 'a; b -- c'")
                .where("body IS NULL AND ((n > 10) OR (n IN (1, 2)))"));

        assertThat(result.rowsChanged()).isEqualTo(42);
        assertThat(db.queryLong("SELECT count(*) FROM notes_kept WHERE body = 'a; b -- c'")).isEqualTo(42);
    }

    @Test
    void anUpdateWithoutSetOrADeleteWithSetIsRefused(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE plain (id int PRIMARY KEY, v int)");
        assertThatThrownBy(() -> run(db, "no-set", Backfill.table("plain").where("v IS NULL")))
                .hasMessageContaining("has no set(...)");
        assertThatThrownBy(() -> run(db, "delete-set", Backfill.deleteFrom("plain").set("v = 1")))
                .hasMessageContaining("cannot have set(...)");
    }

    @Test
    void aConnectionInsideATransactionIsRefused(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE txn (id int PRIMARY KEY, v int)");
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> new BackfillExecutor(c, "public").run("txn", Backfill.table("txn").set("v = 1")))
                    .hasMessageContaining("must run on a connection in autocommit mode");
            c.rollback();
        }
    }
}
