package dev.zdm.benchmarks;

import dev.zdm.core.ddl.SafeDdl;
import dev.zdm.test.TestDatabase;
import java.io.PrintStream;
import java.sql.SQLException;

/**
 * A schema change two ways under write load, each on its own identical table in one database: the plain statement
 * (table {@code <prefix>_plain}) and flyway-zdm's {@link SafeDdl} path (table {@code <prefix>_zdm}), after the writers
 * alone as a baseline. Subclasses say what the table holds, what the writers do, and the two ways.
 * Args: {@code rows=N} (default 200000), {@code rate=200 writers=4}.
 */
abstract class PlainVsSafe implements Benchmark {
    private final String name;
    private final String description;
    private final String table;
    private final String plainLabel;
    private final String safeLabel;
    private final String timeColumn;

    /**
     * @param table      the tables' name prefix
     * @param plainLabel the plain way, in the table and the ratios ({@code CREATE INDEX})
     * @param safeLabel  flyway-zdm's way, in the table
     * @param timeColumn the column of the change's own time ({@code build s})
     */
    PlainVsSafe(String name, String description, String table, String plainLabel, String safeLabel, String timeColumn) {
        this.name = name;
        this.description = description;
        this.table = table;
        this.plainLabel = plainLabel;
        this.safeLabel = safeLabel;
        this.timeColumn = timeColumn;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    /** Creates and fills {@code table} with {@code rows} rows. */
    abstract void create(TestDatabase db, String table, int rows) throws SQLException;

    /** One write of the application on {@code table}. */
    abstract String write(String table, int rows);

    abstract String plainSql(String table);

    abstract void safe(SafeDdl ddl, String table) throws Exception;

    /** True when the change is in place on {@code table} (checked for both ways after the run). */
    abstract boolean done(TestDatabase db, String table) throws SQLException;

    /** What the change does to which table, the start of the scenario's note. */
    abstract String subject(int rows);

    @Override
    public boolean inDefaultRun() {
        return true;
    }

    @Override
    public ScenarioResult run(BenchmarkContext context, Args args, PrintStream out) throws Exception {
        int rows = args.integer("rows", BackfillBenchmark.DEFAULT_ROWS);
        int rate = args.integer("rate", 200);
        int writers = args.integer("writers", 4);
        String plainTable = table + "_plain";
        String zdmTable = table + "_zdm";
        TestDatabase db = context.newDatabase();
        try {
            out.println("loading 2 tables of " + rows + " rows");
            create(db, plainTable, rows);
            create(db, zdmTable, rows);
            db.execute("VACUUM ANALYZE");
            UnderLoad.Measured<Void> baseline = DdlUnderLoad.baseline(db, load(plainTable, rows, rate, writers));
            out.println(plainLabel);
            UnderLoad.Measured<Void> plain = DdlUnderLoad.plain(db, load(plainTable, rows, rate, writers), plainSql(plainTable));
            out.println(safeLabel);
            UnderLoad.Measured<Void> zdm = DdlUnderLoad.safe(db, load(zdmTable, rows, rate, writers), ddl -> safe(ddl, zdmTable));
            for (String table : new String[] {plainTable, zdmTable}) {
                if (!done(db, table)) {
                    throw new IllegalStateException(name + ": the change is not in place on " + table);
                }
            }

            Table table = UnderLoad.table("how", timeColumn);
            table.row(UnderLoad.row(baseline.writers(), "(writers alone, 2 s)", Cell.none()));
            table.row(UnderLoad.row(plain.writers(), plainLabel, Cell.seconds(plain.took())));
            table.row(UnderLoad.row(zdm.writers(), safeLabel, Cell.seconds(zdm.took())));
            String naive = plainLabel;
            ScenarioResult result = new ScenarioResult(name, naive + " vs flyway-zdm, under write load")
                    .note(subject(rows) + ", each way on its own copy; writers: " + load(plainTable, rows, rate, writers).describe()
                            + ", single-row UPDATEs of random rows of the table being changed.")
                    .table(table);
            UnderLoad.latencyRatios(result, naive, plain.writers(), zdm.writers());
            result.ratio("longest writer lock wait, " + naive + " / flyway-zdm",
                    Cell.ratio(plain.writers().longestLockWait(), zdm.writers().longestLockWait()));
            result.ratio("time of the change, flyway-zdm / " + naive, Cell.ratio(zdm.took(), plain.took()));
            return result;
        } finally {
            context.drop(db);
        }
    }

    private UnderLoad.Load load(String table, int rows, int rate, int writers) {
        return new UnderLoad.Load(write(table, rows), rate, writers);
    }
}
