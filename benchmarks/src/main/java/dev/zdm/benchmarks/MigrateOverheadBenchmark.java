package dev.zdm.benchmarks;

import dev.zdm.test.TestDatabase;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What flyway-zdm costs on a fresh database, where it protects nothing: {@code migrate} of a generated history of
 * 300 statements in 30 migrations (CREATE TABLE, ALTER TABLE ADD COLUMN, CREATE INDEX, INSERTs, UPDATEs, two
 * CREATE INDEX CONCURRENTLY migrations) into a new schema, by plain Flyway (flyway-core in a class loader without
 * flyway-zdm, so none of our plugins is even loaded), by flyway-zdm with the gate off, and by flyway-zdm; then
 * {@code migrate} again with nothing pending (what every application start-up pays). Medians of several runs,
 * interleaved. Targets: at most +10% on the fresh database, at most +50 ms with nothing pending.
 * Arguments: {@code runs=N} (default 7), {@code migrations=N} (default 30), {@code statements=N} (default 300).
 */
public final class MigrateOverheadBenchmark implements Benchmark {

    @Override
    public String name() {
        return "migrate-overhead";
    }

    @Override
    public String description() {
        return "fresh-database migrate of a 300-statement history and a no-op migrate: plain Flyway vs flyway-zdm";
    }

    @Override
    public ScenarioResult run(BenchmarkContext context, Args args, PrintStream out) throws Exception {
        int runs = args.integer("runs", 7);
        int migrationCount = args.integer("migrations", 30);
        int statementCount = args.integer("statements", 300);
        Path dir = Files.createTempDirectory("zdm-migrate-overhead");
        int written = History.write(dir, migrationCount, statementCount);
        TestDatabase db = context.newDatabase();
        try {
            // Plain Flyway hangs on CREATE INDEX CONCURRENTLY with its transaction-level advisory lock (DESIGN.md 4);
            // its users switch it off, as flyway-zdm does.
            Runner plain = new Runner(isolatedFlyway(), db, dir, Map.of("flyway.postgresql.transactional.lock", "false"));
            // What any BEFORE_MIGRATE/AFTER_MIGRATE callback costs plain Flyway: it opens an event connection for each.
            Path callbacks = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-callbacks"));
            Files.writeString(callbacks.resolve("beforeMigrate.sql"), "SELECT 1;");
            Files.writeString(callbacks.resolve("afterMigrate.sql"), "SELECT 1;");
            Runner plainCallbacks = new Runner(isolatedFlyway(), db, dir, Map.of("flyway.postgresql.transactional.lock", "false",
                    "flyway.locations", "filesystem:" + dir + ",filesystem:" + callbacks));
            Runner zdmNoGate = new Runner(getClass().getClassLoader(), db, dir, Map.of("flyway.zdm.lint.gate", "false"));
            Runner zdm = new Runner(getClass().getClassLoader(), db, dir, Map.of());
            List<Runner> variants = List.of(plain, plainCallbacks, zdmNoGate, zdm);
            // Warm-up: class loading and JIT of both stacks, not measured.
            for (Runner r : variants) {
                r.freshAndNoop("warm");
            }
            for (int i = 0; i < runs; i++) {
                for (Runner r : variants) {
                    r.freshAndNoop("r" + i);
                }
            }
            String setUp = String.format("%d migrations, %d statements, %d runs each (medians), PostgreSQL %d.", migrationCount, written, runs,
                    db.serverMajorVersion());
            Table table = new Table("migrate (ms; database work)", "plain Flyway", "plain + before/afterMigrate.sql", "flyway-zdm, gate off", "flyway-zdm",
                    "flyway-zdm vs plain");
            table.row("fresh database", ms(plain.fresh()), ms(plainCallbacks.fresh()), ms(zdmNoGate.fresh()), ms(zdm.fresh()),
                    Cell.ratio(zdm.fresh() / plain.fresh()));
            table.row("nothing pending", ms(plain.noop()), ms(plainCallbacks.noop()), ms(zdmNoGate.noop()), ms(zdm.noop()),
                    new Cell(String.format("%+.0f ms", zdm.noop() - plain.noop()), Math.round(zdm.noop() - plain.noop())));
            table.row("database work, fresh", plain.freshWork, plainCallbacks.freshWork, zdmNoGate.freshWork, zdm.freshWork, Cell.none());
            table.row("database work, nothing pending", plain.noopWork, plainCallbacks.noopWork, zdmNoGate.noopWork, zdm.noopWork, Cell.none());
            return new ScenarioResult(name(), "migrate on a fresh database and with nothing pending: plain Flyway vs flyway-zdm")
                    .note(setUp)
                    .note(String.format("Targets: fresh database at most 1.10x (now %.2fx); nothing pending at most +50 ms (now %+.0f ms).",
                            zdm.fresh() / plain.fresh(), zdm.noop() - plain.noop()))
                    .table(table)
                    .ratio("fresh database, flyway-zdm / plain Flyway", Cell.ratio(zdm.fresh() / plain.fresh()));
        } finally {
            context.drop(db);
        }
    }

    private static Cell ms(double millis) {
        return Cell.millis(java.time.Duration.ofNanos(Math.round(millis * 1e6)));
    }

    /**
     * flyway-core, its PostgreSQL support and the driver in a class loader of their own: Flyway finds its plugins
     * through its own class loader, so there flyway-zdm does not exist.
     */
    private static ClassLoader isolatedFlyway() {
        List<URL> urls = new ArrayList<>();
        for (URL url : classPath()) {
            String path = url.getPath();
            if (!path.contains("flyway-zdm") && !path.contains("/benchmarks/target/")) {
                urls.add(url);
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static List<URL> classPath() {
        ClassLoader loader = MigrateOverheadBenchmark.class.getClassLoader();
        if (loader instanceof URLClassLoader urlLoader) {
            return Arrays.asList(urlLoader.getURLs());
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            try {
                urls.add(Path.of(entry).toUri().toURL());
            } catch (java.net.MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        return urls;
    }

    /** One variant: Flyway from a class loader, with extra settings; its timings. */
    private static final class Runner {
        private final ClassLoader loader;
        private final TestDatabase db;
        private final Path dir;
        private final Map<String, String> extra;
        private final List<Double> fresh = new ArrayList<>();
        private final List<Double> noop = new ArrayList<>();
        private final CountingDataSource dataSource;
        private String freshWork = "";
        private String noopWork = "";
        private static int schemas;

        Runner(ClassLoader loader, TestDatabase db, Path dir, Map<String, String> extra) {
            this.loader = loader;
            this.db = db;
            this.dir = dir;
            this.extra = extra;
            this.dataSource = new CountingDataSource(db.jdbcUrl(), db.user(), db.password());
        }

        void freshAndNoop(String label) throws Exception {
            String schema = "s" + (++schemas) + "_" + label;
            dataSource.reset();
            double first = migrate(schema);
            freshWork = work();
            dataSource.reset();
            double second = migrate(schema);
            noopWork = work();
            if (!label.equals("warm")) {
                fresh.add(first);
                noop.add(second);
            }
        }

        private String work() {
            return dataSource.connections.get() + " conn, " + dataSource.statements.get() + " stmts";
        }

        private double migrate(String schema) throws Exception {
            Map<String, String> config = new HashMap<>();
            db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
            config.put("flyway.locations", "filesystem:" + dir);
            config.put("flyway.schemas", schema);
            config.putAll(extra);
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                long start = System.nanoTime();
                Class<?> flyway = Class.forName("org.flywaydb.core.Flyway", true, loader);
                Object fluent = flyway.getMethod("configure", ClassLoader.class).invoke(null, loader);
                fluent = fluent.getClass().getMethod("configuration", Map.class).invoke(fluent, config);
                fluent = fluent.getClass().getMethod("dataSource", javax.sql.DataSource.class).invoke(fluent, dataSource);
                Object instance = fluent.getClass().getMethod("load").invoke(fluent);
                Method migrate = instance.getClass().getMethod("migrate");
                migrate.invoke(instance);
                return (System.nanoTime() - start) / 1e6;
            } finally {
                thread.setContextClassLoader(previous);
            }
        }

        double fresh() {
            return median(fresh);
        }

        double noop() {
            return median(noop);
        }

        private static double median(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            sorted.sort(Double::compare);
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
    }

    /** The generated history: a realistic mix an application accumulates over a few years. */
    static final class History {
        private History() {
        }

        /** Writes {@code migrations} files holding {@code statements} statements in all; returns how many were written. */
        static int write(Path dir, int migrations, int statements) throws Exception {
            int concurrent = Math.min(2, Math.max(0, migrations - 2));
            int regular = migrations - concurrent;
            int perMigration = (statements - concurrent) / regular;
            int extra = (statements - concurrent) % regular;
            int written = 0;
            int tables = 0;
            int cic = 0;
            for (int v = 1; v <= migrations; v++) {
                StringBuilder sql = new StringBuilder("-- generated migration " + v + "\n");
                boolean concurrentMigration = concurrent > 0 && (v == migrations / 2 || v == migrations - 1);
                if (concurrentMigration) {
                    sql.append("CREATE INDEX CONCURRENTLY t").append(Math.max(1, tables)).append("_cic").append(++cic)
                            .append(" ON t").append(Math.max(1, tables)).append(" (created_at);\n");
                    written++;
                } else {
                    int n = perMigration + (extra-- > 0 ? 1 : 0);
                    for (int s = 0; s < n; s++) {
                        if (s == 0 && (tables == 0 || v % 4 == 1)) {
                            tables++;
                            sql.append("CREATE TABLE t").append(tables).append(" (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, ")
                                    .append("name text NOT NULL, status text, created_at timestamptz NOT NULL DEFAULT now());\n");
                        } else {
                            sql.append(statement(v, s, 1 + (v + s) % tables)).append('\n');
                        }
                        written++;
                    }
                }
                Files.writeString(dir.resolve("V" + v + "__generated_" + v + ".sql"), sql.toString());
            }
            return written;
        }

        private static String statement(int v, int s, int table) {
            String t = "t" + table;
            return switch (s % 7) {
                case 1 -> "ALTER TABLE " + t + " ADD COLUMN c" + v + "_" + s + " text;";
                case 2 -> "CREATE INDEX " + t + "_i" + v + "_" + s + " ON " + t + " (name, status);";
                case 3 -> "UPDATE " + t + " SET status = 'active' WHERE status IS NULL;";
                case 4 -> "ALTER TABLE " + t + " ADD COLUMN n" + v + "_" + s + " integer NOT NULL DEFAULT 0;";
                default -> "INSERT INTO " + t + " (name, status) VALUES ('row " + v + "-" + s + "', NULL), ('it''s " + v + "', 'new');";
            };
        }
    }
}
