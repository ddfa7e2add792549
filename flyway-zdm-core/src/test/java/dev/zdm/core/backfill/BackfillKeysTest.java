package dev.zdm.core.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/**
 * Every kind of key the walk must handle, each proven with a per-row counter: after the backfill every row was
 * changed exactly once ({@code n = 1}), however the keys are spread.
 */
@PostgresTest
class BackfillKeysTest {

    private static BackfillResult run(TestDatabase db, String id, Backfill backfill) throws Exception {
        try (Connection c = db.connect()) {
            return new BackfillExecutor(c, "public").run(id, backfill);
        }
    }

    @Test
    void walksTheIntegerPrimaryKeyAndChangesEveryMatchingRowOnce(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE users (id bigserial PRIMARY KEY, email_verified boolean, n int NOT NULL DEFAULT 0)",
                "INSERT INTO users (email_verified) SELECT CASE WHEN g % 10 = 0 THEN true END FROM generate_series(1, 5000) g");

        BackfillResult result = run(db, "users-int", Backfill.table("users").set("email_verified = false, n = n + 1")
                .where("email_verified IS NULL").batchSize(700));

        assertThat(db.queryLong("SELECT count(*) FROM users WHERE email_verified IS NULL")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM users WHERE n <> 1 AND email_verified = false")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM users WHERE n <> 0 AND email_verified")).isZero();
        assertThat(result.rowsChanged()).isEqualTo(4500);
        assertThat(result.keysScanned()).isEqualTo(5000);
        assertThat(result.batches()).isEqualTo(8);
        assertThat(result.remainingVerified()).isTrue();
        assertThat(db.queryString("SELECT state || ' ' || rows_done || ' ' || last_key::text FROM zdm_backfill_progress "
                + "WHERE backfill_id = 'users-int'")).isEqualTo("done 4500 {5000}");
    }

    @Test
    void walksACompositeKeyAcrossItsLeadingColumnInRowOrder(TestDatabase db) throws Exception {
        // tenants of very different sizes, so that batch bounds fall inside and between tenants
        db.execute("CREATE TABLE line_items (tenant_id int NOT NULL, seq int NOT NULL, done boolean, n int NOT NULL DEFAULT 0, "
                        + "PRIMARY KEY (tenant_id, seq))",
                "INSERT INTO line_items (tenant_id, seq) SELECT t, s FROM generate_series(1, 25) t, generate_series(1, t * t) s");
        long rows = db.queryLong("SELECT count(*) FROM line_items");

        BackfillResult result = run(db, "line-items", Backfill.table("line_items").set("done = true, n = n + 1").where("done IS NULL")
                .batchSize(37));

        assertThat(db.queryLong("SELECT count(*) FROM line_items WHERE n <> 1")).isZero();
        assertThat(result.keysScanned()).isEqualTo(rows);
        assertThat(result.batches()).isEqualTo((rows + 36) / 37);
    }

    @Test
    void walksTextKeysInTheirCollationOrder(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE tags (name text PRIMARY KEY, slug text, n int NOT NULL DEFAULT 0)",
                "CREATE TABLE codes (code varchar(40) COLLATE \"C\" PRIMARY KEY, slug text, n int NOT NULL DEFAULT 0)",
                "INSERT INTO tags (name) SELECT v FROM (SELECT 'Tag ' || g AS v FROM generate_series(1, 500) g "
                        + "UNION ALL SELECT 'tag ' || g FROM generate_series(1, 500) g UNION ALL SELECT 'Ünïcode ' || g || ' ''q'' \"x\"' "
                        + "FROM generate_series(1, 200) g UNION ALL SELECT '' UNION ALL SELECT ' leading space') s",
                "INSERT INTO codes (code) SELECT name FROM tags");

        run(db, "tags", Backfill.table("tags").set("slug = lower(name), n = n + 1").where("slug IS NULL").batchSize(64));
        run(db, "codes", Backfill.table("codes").set("slug = lower(code), n = n + 1").where("slug IS NULL").batchSize(64));

        assertThat(db.queryLong("SELECT count(*) FROM tags WHERE n <> 1")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM codes WHERE n <> 1")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM tags")).isEqualTo(1202);
    }

    @Test
    void walksUuidKeys(TestDatabase db) throws Exception {
        // md5(...)::uuid instead of gen_random_uuid(), which PostgreSQL 12 has only through pgcrypto.
        db.execute("CREATE TABLE sessions (id uuid PRIMARY KEY, expired boolean, n int NOT NULL DEFAULT 0)",
                "INSERT INTO sessions (id, expired) SELECT md5('session-' || i)::uuid, NULL FROM generate_series(1, 3000) i");

        BackfillResult result = run(db, "sessions", Backfill.table("sessions").set("expired = false, n = n + 1")
                .where("expired IS NULL").batchSize(250));

        assertThat(db.queryLong("SELECT count(*) FROM sessions WHERE n <> 1")).isZero();
        assertThat(result.batches()).isEqualTo(12);
        assertThat(db.queryString("SELECT last_key[1] FROM zdm_backfill_progress WHERE backfill_id = 'sessions'"))
                .isEqualTo(db.queryString("SELECT id::text FROM sessions ORDER BY id DESC LIMIT 1"));
    }

    @Test
    void gapsInTheKeyRangeCostNothing(TestDatabase db) throws Exception {
        // 3000 rows spread over a range of 9e18 keys, with a deleted stretch in the middle
        db.execute("CREATE TABLE events (id bigint PRIMARY KEY, seen boolean, n int NOT NULL DEFAULT 0)",
                "INSERT INTO events (id) SELECT g FROM generate_series(1, 1000) g",
                "INSERT INTO events (id) SELECT 5000000000 + g * 1000003 FROM generate_series(1, 1000) g",
                "INSERT INTO events (id) SELECT 9000000000000000000 - g FROM generate_series(1, 1000) g",
                "DELETE FROM events WHERE id BETWEEN 200 AND 700");

        BackfillResult result = run(db, "events", Backfill.table("events").set("seen = false, n = n + 1").where("seen IS NULL")
                .batchSize(100));

        assertThat(db.queryLong("SELECT count(*) FROM events WHERE n <> 1")).isZero();
        assertThat(result.keysScanned()).isEqualTo(2499);
        assertThat(result.batches()).as("batches follow the rows, not the key range").isEqualTo(25);
    }

    @Test
    void quotesSchemaTableAndColumnNames(TestDatabase db) throws Exception {
        db.execute("CREATE SCHEMA \"Sales\"",
                "CREATE TABLE \"Sales\".\"Order Items\" (\"Item Id\" int PRIMARY KEY, \"Total\" numeric, n int NOT NULL DEFAULT 0)",
                "INSERT INTO \"Sales\".\"Order Items\" (\"Item Id\") SELECT g FROM generate_series(1, 500) g");

        run(db, "order-items", Backfill.table("Order Items").schema("Sales").set("\"Total\" = 0, n = n + 1").where("\"Total\" IS NULL")
                .batchSize(60));
        assertThat(db.queryLong("SELECT count(*) FROM \"Sales\".\"Order Items\" WHERE n <> 1")).isZero();
    }

    @Test
    void aDottedNameWithoutSchemaIsSchemaAndTable(TestDatabase db) throws Exception {
        db.execute("CREATE SCHEMA billing", "CREATE TABLE billing.invoices (id int PRIMARY KEY, paid boolean)",
                "INSERT INTO billing.invoices SELECT g FROM generate_series(1, 50) g");
        run(db, "invoices", Backfill.table("billing.invoices").set("paid = false").where("paid IS NULL"));
        assertThat(db.queryLong("SELECT count(*) FROM billing.invoices WHERE paid IS NULL")).isZero();
    }

    @Test
    void aNamedNonUniqueIndexedKeyStillVisitsEveryRowOnce(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE readings (sensor int NOT NULL, value int, n int NOT NULL DEFAULT 0)",
                "CREATE INDEX readings_sensor ON readings (sensor)",
                "INSERT INTO readings (sensor) SELECT g % 50 FROM generate_series(1, 2000) g");

        BackfillResult result = run(db, "readings", Backfill.table("readings").key("sensor").set("value = 0, n = n + 1")
                .where("value IS NULL").batchSize(30));

        assertThat(db.queryLong("SELECT count(*) FROM readings WHERE n <> 1")).isZero();
        assertThat(result.rowsChanged()).isEqualTo(2000);
        assertThat(result.batches()).as("a batch takes all 40 rows of its upper key, so about one sensor per batch").isBetween(45L, 51L);
    }

    @Test
    void aTableWithoutAUsableKeyFailsSayingWhyAndWhatToDo(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE logs (id int, line text)", "CREATE UNIQUE INDEX logs_id ON logs (id)",
                "INSERT INTO logs SELECT g, 'x' FROM generate_series(1, 10) g");

        assertThatThrownBy(() -> run(db, "logs", Backfill.table("logs").set("line = 'y'").where("line = 'x'")))
                .isInstanceOf(BackfillException.class)
                .hasMessageContaining("table public.logs has no usable key")
                .hasMessageContaining("unique index logs_id on (id): column(s) id may be NULL")
                .hasMessageContaining("CREATE UNIQUE INDEX CONCURRENTLY")
                .hasMessageContaining("key(...)");
        assertThat(db.queryLong("SELECT count(*) FROM logs WHERE line = 'y'")).isZero();
    }

    @Test
    void aNamedKeyMustBeNotNullAndIndexed(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE notes (id int PRIMARY KEY, author int NOT NULL, editor int, body text)",
                "INSERT INTO notes SELECT g, g, g FROM generate_series(1, 10) g");

        assertThatThrownBy(() -> run(db, "notes-1", Backfill.table("notes").key("author").set("body = ''")))
                .hasMessageContaining("no btree index of public.notes starts with the key columns (author)")
                .hasMessageContaining("CREATE INDEX CONCURRENTLY");
        assertThatThrownBy(() -> run(db, "notes-2", Backfill.table("notes").key("editor").set("body = ''")))
                .isInstanceOf(BackfillDefinitionException.class)
                .hasMessageContaining("key column editor of public.notes may be NULL");
        assertThatThrownBy(() -> run(db, "notes-3", Backfill.table("notes").key("Author").set("body = ''")))
                .hasMessageContaining("key column Author does not exist in public.notes");
    }

    @Test
    void aMissingTableOrAViewIsNamed(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE base (id int PRIMARY KEY)", "CREATE VIEW base_view AS SELECT * FROM base");
        // definition errors: the message says what to change, never "run it again"
        assertThatThrownBy(() -> run(db, "missing", Backfill.table("Users").set("x = 1"))).isInstanceOf(BackfillDefinitionException.class)
                .hasMessageContaining("table \"Users\" does not exist in the schemas of the search_path");
        assertThatThrownBy(() -> run(db, "view", Backfill.table("base_view").set("id = 1")))
                .hasMessageContaining("public.base_view is a view, not a table");
    }
}
