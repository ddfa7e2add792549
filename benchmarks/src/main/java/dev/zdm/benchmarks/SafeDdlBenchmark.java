package dev.zdm.benchmarks;

import dev.zdm.core.lock.ConnectionSource;
import dev.zdm.core.ddl.DdlOptions;
import dev.zdm.core.ddl.ForeignKeyDefinition;
import dev.zdm.core.ddl.QualifiedName;
import dev.zdm.core.ddl.SafeDdl;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.LatencyStats;
import dev.zdm.test.concurrency.SteadyWriter;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Writer latency during index and constraint changes, the plain statement against flyway-zdm's safe path
 * ({@link SafeDdl}), each pair on fresh data in the same run. Argument: rows per table (default 1000000).
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

    private interface Change {
        void apply(Connection migration, SafeDdl ddl) throws Exception;
    }

    private record Scenario(String name, String writerSql, String naiveSql, Change safe) {
    }

    @Override
    public void run(BenchmarkContext context, List<String> args, PrintStream out) throws Exception {
        int rows = args.isEmpty() ? 1_000_000 : Integer.parseInt(args.get(0));
        String writeItems = "WITH u AS (UPDATE items SET n = n + 1 WHERE id = (SELECT (random() * " + (rows - 1) + ")::int + 1) RETURNING id) "
                + "INSERT INTO orders (item_id, amount) SELECT id, 1 FROM u";
        String writeEvents = "INSERT INTO events VALUES ((random() * 1000000)::int, (random() * 7)::int, date '2024-01-01' + (random() * 119)::int)";
        List<Scenario> scenarios = List.of(
                new Scenario("index on a table", writeItems, "CREATE INDEX items_n_idx ON items (n)",
                        (c, ddl) -> ddl.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS items_n_idx ON items (n)")),
                new Scenario("index on a partitioned table (4 partitions)", writeEvents, "CREATE INDEX events_tenant_idx ON events (tenant, created)",
                        (c, ddl) -> ddl.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS events_tenant_idx ON events (tenant, created)")),
                new Scenario("foreign key", writeItems, "ALTER TABLE orders ADD CONSTRAINT orders_item_fkey FOREIGN KEY (item_id) REFERENCES items (id)",
                        (c, ddl) -> ddl.addForeignKey(ForeignKeyDefinition.from("orders", "item_id").references("items", "id").name("orders_item_fkey"))),
                new Scenario("check constraint", writeItems, "ALTER TABLE orders ADD CONSTRAINT orders_amount_check CHECK (amount >= 0)",
                        (c, ddl) -> ddl.addCheckConstraint(QualifiedName.of("orders"), "orders_amount_check", "amount >= 0")),
                new Scenario("set not null", writeItems, "ALTER TABLE orders ALTER COLUMN amount SET NOT NULL",
                        (c, ddl) -> ddl.setNotNull(QualifiedName.of("orders"), "amount")));

        Table table = new Table("change", "how", "took ms", "writer max ms", "writer p99 ms", "writes > 100 ms", "writes",
                "writer longest lock wait ms");
        for (Scenario scenario : scenarios) {
            for (boolean safe : new boolean[] {false, true}) {
                TestDatabase db = context.newDatabase();
                try {
                    load(db, rows);
                    Result r = measure(db, scenario, safe);
                    table.row(scenario.name(), safe ? "flyway-zdm" : "plain", r.took.toMillis(), ms(r.stats.max()), ms(r.stats.p99()),
                            r.stats.countOver(Duration.ofMillis(100)), r.stats.count(), r.longestLockWait.toMillis());
                } finally {
                    context.drop(db);
                }
            }
        }
        out.println(rows + " rows per table, writer " + WRITES_PER_SECOND + " statements/s (latency from when each was due). "
                + "Latency also includes CPU contention with the build on a small machine; the lock-wait column is the part locks cause.");
        table.print(out);
    }

    private record Result(Duration took, LatencyStats stats, Duration longestLockWait) {
    }

    private static Result measure(TestDatabase db, Scenario scenario, boolean safe) throws Exception {
        try (Connection migration = db.connect("zdm-benchmark-migration")) {
            SafeDdl ddl = SafeDdl.on(migration, (ConnectionSource) db::connect, DdlOptions.defaults());
            SteadyWriter writer = SteadyWriter.start(db, scenario.writerSql(), WRITES_PER_SECOND);
            LockWaitSampler sampler = LockWaitSampler.start(db, writer.pid());
            Thread.sleep(500);
            long start = System.nanoTime();
            if (safe) {
                scenario.safe().apply(migration, ddl);
            } else {
                try (Statement s = migration.createStatement()) {
                    s.execute(scenario.naiveSql());
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Thread.sleep(500);
            LatencyStats stats = writer.stop();
            return new Result(took, stats, sampler.stop());
        }
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

    private static String ms(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toNanos() / 1_000_000.0);
    }
}
