package dev.zdm.benchmarks;

import dev.zdm.core.lint.LintConfig;
import dev.zdm.core.lint.LintResult;
import dev.zdm.core.lint.Linter;
import dev.zdm.core.lint.MigrationSource;
import dev.zdm.core.lint.Rules;
import dev.zdm.core.sql.SqlScript;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Lints a generated corpus of 20 000 statements (200 migrations of 100 statements: DDL the rules judge,
 * data changes, functions with dollar-quoted bodies, comments and directives) on one thread, and prints
 * statements per second for splitting alone and for the full lint. Target: at least 20 000 statements/s.
 * Needs no database. Arguments: {@code statements=N} (default 20000), {@code rounds=N} (default 3).
 */
public final class LintBenchmark implements Benchmark {
    private static final String[] TEMPLATES = {
        "CREATE TABLE t%1$d (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL, created_at timestamptz DEFAULT now())",
        "CREATE INDEX t%1$d_email ON users%2$d (email)",
        "CREATE INDEX CONCURRENTLY t%1$d_created ON users%2$d (created_at) WHERE deleted_at IS NULL",
        "ALTER TABLE users%2$d ADD COLUMN c%1$d text",
        "ALTER TABLE users%2$d ADD COLUMN v%1$d uuid NOT NULL DEFAULT gen_random_uuid()",
        "ALTER TABLE users%2$d ALTER COLUMN name TYPE varchar(200)",
        "ALTER TABLE orders%2$d ADD CONSTRAINT o%1$d_fk FOREIGN KEY (user_id) REFERENCES users%2$d (id) NOT VALID",
        "ALTER TABLE users%2$d ALTER COLUMN email SET NOT NULL",
        "-- zdm:batched key=id size=5000\nUPDATE users%2$d SET flag = true WHERE flag IS NULL",
        "UPDATE users%2$d SET role = 'admin' WHERE id = %1$d",
        "INSERT INTO audit (id, note) VALUES (%1$d, 'it''s; fine'), (%1$d + 1, E'tab\\tsep;')",
        "CREATE OR REPLACE FUNCTION f%1$d() RETURNS trigger AS $$\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql",
        "/* maintenance; see ticket %1$d */ DROP INDEX IF EXISTS old%1$d",
        "COMMENT ON TABLE users%2$d IS 'users; the main table'",
        "ALTER TABLE users%2$d RENAME COLUMN nick TO nickname%1$d",
        "SELECT count(*) FROM users%2$d WHERE email LIKE '%%@example.com'",
    };

    @Override
    public String name() {
        return "lint";
    }

    @Override
    public String description() {
        return "statements per second of the splitter and the full lint on a generated corpus (one thread; statements=N)";
    }

    @Override
    public boolean inDefaultRun() {
        return true;
    }

    @Override
    public ScenarioResult run(BenchmarkContext context, Args args, PrintStream out) {
        int statements = args.integer("statements", 20_000);
        int rounds = args.integer("rounds", 3);
        List<MigrationSource> corpus = corpus(statements);
        // Warm-up: let the JIT compile the lexer, parser and rules.
        for (int i = 0; i < 2; i++) {
            lint(corpus);
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long[] bestSplit = {Long.MAX_VALUE, Long.MAX_VALUE};
        long[] bestLint = {Long.MAX_VALUE, Long.MAX_VALUE};
        int counted = 0;
        LintResult result = null;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            long c0 = cpu.getCurrentThreadCpuTime();
            counted = 0;
            for (MigrationSource s : corpus) {
                counted += SqlScript.parse(s.fileName(), s.text()).statements().size();
            }
            best(bestSplit, System.nanoTime() - t0, cpu.getCurrentThreadCpuTime() - c0);
            long t1 = System.nanoTime();
            long c1 = cpu.getCurrentThreadCpuTime();
            result = lint(corpus);
            best(bestLint, System.nanoTime() - t1, cpu.getCurrentThreadCpuTime() - c1);
        }
        Table table = new Table("phase", "statements", "best wall ms", "best CPU ms", "statements/s (CPU)", "statements/s (wall)");
        table.row("split only", counted, Cell.millis(Duration.ofNanos(bestSplit[0])), Cell.millis(Duration.ofNanos(bestSplit[1])),
                Cell.rate(counted * 1e9 / bestSplit[1]), Cell.rate(counted * 1e9 / bestSplit[0]));
        double lintRate = result.statements() * 1e9 / bestLint[1];
        table.row("split + model + " + Rules.all().size() + " rules", result.statements(), Cell.millis(Duration.ofNanos(bestLint[0])),
                Cell.millis(Duration.ofNanos(bestLint[1])), Cell.rate(lintRate), Cell.rate(result.statements() * 1e9 / bestLint[0]));
        return new ScenarioResult(name(), "lint throughput")
                .note(String.format(Locale.ROOT, "A generated corpus of %,d statements in %d files (DDL the rules judge, data changes, "
                        + "functions with dollar-quoted bodies, comments, directives), one thread, best of %d rounds after 2 warm-up rounds; "
                        + "%,d findings. The rate is per second of the thread's CPU time (wall time also counts the other processes of a "
                        + "busy machine). Target: at least 20,000 statements/s on one core (%s).", result.statements(), result.files(), rounds,
                        result.findings().size(), lintRate >= 20_000 ? "met" : "NOT met"))
                .table(table)
                .ratio("full lint, statements per CPU second vs the 20,000/s target", Cell.ratio(lintRate / 20_000));
    }

    /** Keeps the best wall time ({@code best[0]}) and the best CPU time ({@code best[1]}) seen. */
    private static void best(long[] best, long wallNanos, long cpuNanos) {
        best[0] = Math.min(best[0], wallNanos);
        best[1] = Math.min(best[1], cpuNanos);
    }

    private static LintResult lint(List<MigrationSource> corpus) {
        return new Linter(LintConfig.defaults().withPostgresVersion(16)).lint(corpus);
    }

    public static List<MigrationSource> corpus(int statements) {
        Random random = new Random(42);
        List<MigrationSource> files = new ArrayList<>();
        int perFile = 100;
        int n = 0;
        for (int f = 0; n < statements; f++) {
            StringBuilder text = new StringBuilder("-- generated migration ").append(f).append("\n\n");
            for (int i = 0; i < perFile && n < statements; i++, n++) {
                String template = TEMPLATES[random.nextInt(TEMPLATES.length)];
                text.append(String.format(template, n, f)).append(";\n");
            }
            files.add(MigrationSource.of("V" + (f + 1) + "__generated.sql", text.toString()));
        }
        return files;
    }
}
