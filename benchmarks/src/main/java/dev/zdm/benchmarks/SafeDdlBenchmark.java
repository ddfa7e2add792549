package dev.zdm.benchmarks;

import dev.zdm.core.ddl.ForeignKeyDefinition;
import dev.zdm.core.ddl.QualifiedName;
import dev.zdm.test.TestDatabase;
import java.io.PrintStream;
import java.util.List;

/**
 * Writer latency during index and constraint changes, the plain statement against flyway-zdm's safe path
 * ({@link dev.zdm.core.ddl.SafeDdl}), each pair on fresh data in the same run: an index on a table and on a partitioned
 * table, a foreign key, a check constraint, SET NOT NULL. Not in the default run ({@code create-index} and
 * {@code set-not-null} are its two headline cases). Args: {@code rows=N} per table (default 1000000).
 */
public final class SafeDdlBenchmark implements Benchmark {
    private static final int WRITES_PER_SECOND = 200;

    @Override
    public String name() {
        return "safe-ddl";
    }

    @Override
    public String description() {
        return "writer max/p99 latency: plain CREATE INDEX / ADD CONSTRAINT / SET NOT NULL vs flyway-zdm's safe operations";
    }

    private record Scenario(String name, String writerSql, String naiveSql, DdlUnderLoad.SafeChange safe) {
    }

    @Override
    public ScenarioResult run(BenchmarkContext context, Args args, PrintStream out) throws Exception {
        int rows = args.integer("rows", 1_000_000);
        String writeItems = "WITH u AS (UPDATE items SET n = n + 1 WHERE id = (SELECT (random() * " + (rows - 1) + ")::int + 1) RETURNING id) "
                + "INSERT INTO orders (item_id, amount) SELECT id, 1 FROM u";
        String writeEvents = "INSERT INTO events VALUES ((random() * 1000000)::int, (random() * 7)::int, date '2024-01-01' + (random() * 119)::int)";
        List<Scenario> scenarios = List.of(
                new Scenario("index on a table", writeItems, "CREATE INDEX items_n_idx ON items (n)",
                        ddl -> ddl.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS items_n_idx ON items (n)")),
                new Scenario("index on a partitioned table (4 partitions)", writeEvents, "CREATE INDEX events_tenant_idx ON events (tenant, created)",
                        ddl -> ddl.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS events_tenant_idx ON events (tenant, created)")),
                new Scenario("foreign key", writeItems, "ALTER TABLE orders ADD CONSTRAINT orders_item_fkey FOREIGN KEY (item_id) REFERENCES items (id)",
                        ddl -> ddl.addForeignKey(ForeignKeyDefinition.from("orders", "item_id").references("items", "id").name("orders_item_fkey"))),
                new Scenario("check constraint", writeItems, "ALTER TABLE orders ADD CONSTRAINT orders_amount_check CHECK (amount >= 0)",
                        ddl -> ddl.addCheckConstraint(QualifiedName.of("orders"), "orders_amount_check", "amount >= 0")),
                new Scenario("set not null", writeItems, "ALTER TABLE orders ALTER COLUMN amount SET NOT NULL",
                        ddl -> ddl.setNotNull(QualifiedName.of("orders"), "amount")));

        Table table = UnderLoad.table("change", "how", "took s");
        for (Scenario scenario : scenarios) {
            for (boolean safe : new boolean[] {false, true}) {
                out.println(scenario.name() + (safe ? ", flyway-zdm" : ", plain"));
                TestDatabase db = context.newDatabase();
                try {
                    load(db, rows);
                    UnderLoad.Load load = new UnderLoad.Load(scenario.writerSql(), WRITES_PER_SECOND, 4);
                    UnderLoad.Measured<Void> r = safe ? DdlUnderLoad.safe(db, load, scenario.safe())
                            : DdlUnderLoad.plain(db, load, scenario.naiveSql());
                    table.row(UnderLoad.row(r.writers(), scenario.name(), safe ? "flyway-zdm" : "plain", Cell.seconds(r.took())));
                } finally {
                    context.drop(db);
                }
            }
        }
        return new ScenarioResult(name(), "index and constraint changes under write load: plain vs flyway-zdm")
                .note(rows + " rows per table, writer " + WRITES_PER_SECOND + " statements/s over 4 connections (latency from when each was due). "
                        + "Latency also includes CPU contention on a small machine; the lock-wait column is the part locks cause.")
                .table(table);
    }

    private static void load(TestDatabase db, int rows) throws Exception {
        db.execute("CREATE TABLE items (id int PRIMARY KEY, n int, payload text)",
                "INSERT INTO items SELECT g, g, md5(g::text) FROM generate_series(1, " + rows + ") g",
                "CREATE TABLE orders (id bigserial PRIMARY KEY, item_id int, amount int)",
                "INSERT INTO orders (item_id, amount) SELECT (g % " + rows + ") + 1, g % 100 FROM generate_series(1, " + rows + ") g",
                "CREATE TABLE events (id int, tenant int, created date) PARTITION BY RANGE (created)",
                "CREATE TABLE events_1 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')",
                "CREATE TABLE events_2 PARTITION OF events FOR VALUES FROM ('2024-02-01') TO ('2024-03-01')",
                "CREATE TABLE events_3 PARTITION OF events FOR VALUES FROM ('2024-03-01') TO ('2024-04-01')",
                "CREATE TABLE events_4 PARTITION OF events FOR VALUES FROM ('2024-04-01') TO ('2024-05-01')",
                "INSERT INTO events SELECT g, g % 7, date '2024-01-01' + (g % 120) FROM generate_series(1, " + rows + ") g",
                "VACUUM ANALYZE");
    }
}
