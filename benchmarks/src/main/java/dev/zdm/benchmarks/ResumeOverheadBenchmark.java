package dev.zdm.benchmarks;

import dev.zdm.test.TestDatabase;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * What exactly-once resume costs: a non-transactional migration of many single-row INSERTs and a CREATE INDEX
 * CONCURRENTLY ({@code flyway.mixed=true}), applied by plain Flyway (each statement autocommitted) and by flyway-zdm
 * (each statement in a transaction of its own together with its record in zdm_statement_progress). Each variant runs
 * several times into a fresh database, alternating; the median is compared. Args: {@code inserts=10000 runs=3}.
 */
public final class ResumeOverheadBenchmark implements Benchmark {

    @Override
    public String name() {
        return "resume-overhead";
    }

    @Override
    public String description() {
        return "time of a non-transactional migration (INSERTs + a CIC): plain Flyway vs flyway-zdm's exactly-once bookkeeping";
    }

    @Override
    public ScenarioResult run(BenchmarkContext context, Args a, PrintStream out) throws Exception {
        int inserts = a.integer("inserts", 10_000);
        int runs = a.integer("runs", 3);
        Path dir = Files.createTempDirectory("zdm-resume-overhead");
        Files.writeString(dir.resolve("V1__table.sql"), "CREATE TABLE t (id int PRIMARY KEY, v text);\n");
        StringBuilder sql = new StringBuilder();
        for (int i = 1; i <= inserts; i++) {
            sql.append("INSERT INTO t VALUES (").append(i).append(", 'row ").append(i).append("');\n");
        }
        sql.append("CREATE INDEX CONCURRENTLY t_v ON t (v);\n");
        Files.writeString(dir.resolve("V2__rows_and_index.sql"), sql.toString());
        String setUp = String.format("V2: %d single-row INSERTs and one CREATE INDEX CONCURRENTLY, flyway.mixed=true; %d runs each, "
                + "alternating.", inserts, runs);

        List<Long> plain = new ArrayList<>();
        List<Long> zdm = new ArrayList<>();
        List<Long> zdmNoGate = new ArrayList<>();
        migrate(context, dir, Map.of("flyway.zdm.enabled", "false")); // warm-up: class loading, JIT
        migrate(context, dir, Map.of());
        for (int i = 0; i < runs; i++) {
            plain.add(migrate(context, dir, Map.of("flyway.zdm.enabled", "false")));
            zdm.add(migrate(context, dir, Map.of()));
            zdmNoGate.add(migrate(context, dir, Map.of("flyway.zdm.lint.gate", "false")));
        }
        long plainMedian = median(plain);
        Table table = new Table("runner", "median ms", "runs ms", "ratio");
        table.row("plain Flyway", plainMedian, plain.toString(), Cell.ratio(1.0));
        row(table, "flyway-zdm", zdm, plainMedian);
        row(table, "flyway-zdm, lint gate off (bookkeeping alone)", zdmNoGate, plainMedian);
        return new ScenarioResult(name(), "exactly-once resume bookkeeping on a non-transactional migration")
                .note(setUp)
                .table(table)
                .ratio("median, flyway-zdm / plain Flyway", Cell.ratio(median(zdm), plainMedian));
    }

    private static void row(Table table, String runner, List<Long> runs, long baseline) {
        long median = median(runs);
        table.row(runner, median, runs.toString(), Cell.ratio(median, baseline));
    }

    /** Milliseconds of migrate() for V2 alone (V1 is applied first, untimed), into a fresh database. */
    private static long migrate(BenchmarkContext context, Path dir, Map<String, String> settings) {
        TestDatabase db = context.newDatabase();
        try {
            Map<String, String> config = new HashMap<>();
            db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
            config.put("flyway.locations", "filesystem:" + dir.toAbsolutePath());
            config.put("flyway.mixed", "true");
            config.put("flyway.postgresql.transactional.lock", "false");
            config.putAll(settings);
            config.put("flyway.target", "1");
            Flyway.configure().configuration(config).load().migrate();
            config.remove("flyway.target");
            Flyway flyway = Flyway.configure().configuration(config).load();
            long start = System.nanoTime();
            flyway.migrate();
            return (System.nanoTime() - start) / 1_000_000;
        } finally {
            context.drop(db);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Long::compare);
        return sorted.get(sorted.size() / 2);
    }
}
