package dev.zdm.benchmarks;

import dev.zdm.test.TestDatabase;
import java.io.PrintStream;

/**
 * {@code CREATE INDEX} (SHARE lock: every write waits for the whole build) against flyway-zdm's
 * {@code CREATE INDEX CONCURRENTLY} (writes go on; invalid-index recovery, lock-safe), each on its own identical
 * table in the same database while steady writers update random rows of it. Args: {@code rows=N} (default 200000),
 * {@code rate=200 writers=4}.
 */
public final class CreateIndexBenchmark implements Benchmark {

    @Override
    public String name() {
        return "create-index";
    }

    @Override
    public String description() {
        return "writer max/p99 latency and build time: CREATE INDEX vs flyway-zdm's CREATE INDEX CONCURRENTLY, under write load";
    }

    @Override
    public boolean inDefaultRun() {
        return true;
    }

    @Override
    public ScenarioResult run(BenchmarkContext context, Args args, PrintStream out) throws Exception {
        int rows = args.integer("rows", BackfillBenchmark.DEFAULT_ROWS);
        int rate = args.integer("rate", 200);
        int writers = args.integer("writers", 4);
        TestDatabase db = context.newDatabase();
        try {
            out.println("loading 2 tables of " + rows + " rows");
            for (String table : new String[] {"items_plain", "items_zdm"}) {
                db.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, n int NOT NULL, email text NOT NULL)",
                        "INSERT INTO " + table + " SELECT g, g, md5(g::text) || '@example.com' FROM generate_series(1, " + rows + ") g");
            }
            db.execute("VACUUM ANALYZE");
            UnderLoad.Measured<Void> baseline = DdlUnderLoad.baseline(db, load("items_plain", rows, rate, writers));
            out.println("CREATE INDEX");
            UnderLoad.Measured<Void> plain = DdlUnderLoad.plain(db, load("items_plain", rows, rate, writers),
                    "CREATE INDEX items_plain_email_idx ON items_plain (email)");
            out.println("flyway-zdm CREATE INDEX CONCURRENTLY");
            UnderLoad.Measured<Void> zdm = DdlUnderLoad.safe(db, load("items_zdm", rows, rate, writers),
                    ddl -> ddl.execute("CREATE INDEX CONCURRENTLY items_zdm_email_idx ON items_zdm (email)"));
            long valid = db.queryLong("SELECT count(*) FROM pg_index WHERE indisvalid AND indexrelid IN "
                    + "('items_plain_email_idx'::regclass, 'items_zdm_email_idx'::regclass)");
            if (valid != 2) {
                throw new IllegalStateException("expected both indexes valid, found " + valid);
            }

            Table table = UnderLoad.table("how", "build s");
            table.row(UnderLoad.row(baseline.writers(), "(writers alone, 2 s)", Cell.none()));
            table.row(UnderLoad.row(plain.writers(), "CREATE INDEX", Cell.seconds(plain.took())));
            table.row(UnderLoad.row(zdm.writers(), "flyway-zdm: CREATE INDEX CONCURRENTLY", Cell.seconds(zdm.took())));
            ScenarioResult result = new ScenarioResult(name(), "CREATE INDEX vs CREATE INDEX CONCURRENTLY, under write load")
                    .note("An index on a text column (`md5 || '@example.com'`) of a " + rows + "-row table, each way on its own copy; writers: "
                            + load("t", rows, rate, writers).describe() + ", single-row UPDATEs of random rows of the table being indexed.")
                    .table(table);
            UnderLoad.latencyRatios(result, "CREATE INDEX", plain.writers(), zdm.writers());
            result.ratio("build time, flyway-zdm / CREATE INDEX", Cell.ratio(zdm.took(), plain.took()));
            return result;
        } finally {
            context.drop(db);
        }
    }

    private static UnderLoad.Load load(String table, int rows, int rate, int writers) {
        return new UnderLoad.Load("UPDATE " + table + " SET n = n + 1 WHERE id = (SELECT 1 + (random() * " + (rows - 1) + ")::int)",
                rate, writers);
    }
}
