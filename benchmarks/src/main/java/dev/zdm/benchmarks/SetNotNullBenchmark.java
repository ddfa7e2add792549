package dev.zdm.benchmarks;

import dev.zdm.core.ddl.QualifiedName;
import dev.zdm.test.TestDatabase;
import java.io.PrintStream;

/**
 * {@code ALTER TABLE ... ALTER COLUMN ... SET NOT NULL} (ACCESS EXCLUSIVE for a full scan: every read and write waits)
 * against flyway-zdm's path ({@code CHECK (col IS NOT NULL) NOT VALID}, {@code VALIDATE} under SHARE UPDATE
 * EXCLUSIVE, then {@code SET NOT NULL} without a scan, on PostgreSQL 18 a NOT NULL constraint NOT VALID), each on its
 * own identical table while steady writers update random rows of it. Args: {@code rows=N} (default 200000),
 * {@code rate=200 writers=4}.
 */
public final class SetNotNullBenchmark implements Benchmark {

    @Override
    public String name() {
        return "set-not-null";
    }

    @Override
    public String description() {
        return "writer stall: SET NOT NULL vs flyway-zdm's check-constraint path, under write load";
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
            for (String table : new String[] {"orders_plain", "orders_zdm"}) {
                db.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, user_id int, amount int, note text)",
                        "INSERT INTO " + table + " SELECT g, g % 1000, g % 100, md5(g::text) FROM generate_series(1, " + rows + ") g");
            }
            db.execute("VACUUM ANALYZE");
            UnderLoad.Measured<Void> baseline = DdlUnderLoad.baseline(db, load("orders_plain", rows, rate, writers));
            out.println("SET NOT NULL");
            UnderLoad.Measured<Void> plain = DdlUnderLoad.plain(db, load("orders_plain", rows, rate, writers),
                    "ALTER TABLE orders_plain ALTER COLUMN amount SET NOT NULL");
            out.println("flyway-zdm setNotNull");
            UnderLoad.Measured<Void> zdm = DdlUnderLoad.safe(db, load("orders_zdm", rows, rate, writers),
                    ddl -> ddl.setNotNull(QualifiedName.of("orders_zdm"), "amount"));
            long notNull = db.queryLong("SELECT count(*) FROM pg_attribute WHERE attname = 'amount' AND attnotnull "
                    + "AND attrelid IN ('orders_plain'::regclass, 'orders_zdm'::regclass)");
            if (notNull != 2) {
                throw new IllegalStateException("expected amount NOT NULL in both tables, found " + notNull);
            }

            Table table = UnderLoad.table("how", "took s");
            table.row(UnderLoad.row(baseline.writers(), "(writers alone, 2 s)", Cell.none()));
            table.row(UnderLoad.row(plain.writers(), "ALTER COLUMN ... SET NOT NULL", Cell.seconds(plain.took())));
            table.row(UnderLoad.row(zdm.writers(), "flyway-zdm: CHECK NOT VALID, VALIDATE, SET NOT NULL", Cell.seconds(zdm.took())));
            ScenarioResult result = new ScenarioResult(name(), "SET NOT NULL vs the check-constraint path, under write load")
                    .note("`amount` of a " + rows + "-row table (no NULLs), each way on its own copy; writers: "
                            + load("t", rows, rate, writers).describe() + ", single-row UPDATEs of random rows of the table being changed. "
                            + "The stall is the writers' max latency and longest lock wait.")
                    .table(table);
            UnderLoad.latencyRatios(result, "SET NOT NULL", plain.writers(), zdm.writers());
            result.ratio("longest writer lock wait, SET NOT NULL / flyway-zdm",
                    Cell.ratio(plain.writers().longestLockWait(), zdm.writers().longestLockWait()));
            return result;
        } finally {
            context.drop(db);
        }
    }

    private static UnderLoad.Load load(String table, int rows, int rate, int writers) {
        return new UnderLoad.Load("UPDATE " + table + " SET amount = amount + 1 WHERE id = (SELECT 1 + floor(random() * " + rows + ")::bigint)",
                rate, writers);
    }
}
