package dev.zdm.benchmarks;

import dev.zdm.core.lint.LintConfig;
import dev.zdm.core.lint.LintResult;
import dev.zdm.core.lint.Linter;
import dev.zdm.core.lint.MigrationSource;
import dev.zdm.core.lint.Rules;
import dev.zdm.core.sql.SqlScript;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Lints a generated corpus of 100 000 statements (1 000 migrations of 100 statements: DDL the rules judge,
 * data changes, functions with dollar-quoted bodies, comments and directives) on one thread, and prints
 * statements per second for splitting alone and for the full lint. Target: at least 20 000 statements/s.
 * Needs no database. Arguments: {@code statements=N} (default 100000), {@code rounds=N} (default 5).
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
        return "statements per second of the splitter and the full lint on a generated 100 000-statement corpus (one thread)";
    }

    @Override
    public void run(BenchmarkContext context, List<String> args, PrintStream out) {
        int statements = intArg(args, "statements", 100_000);
        int rounds = intArg(args, "rounds", 5);
        List<MigrationSource> corpus = corpus(statements);
        // Warm-up: let the JIT compile the lexer, parser and rules.
        for (int i = 0; i < 2; i++) {
            lint(corpus);
        }
        long bestSplit = Long.MAX_VALUE;
        long bestLint = Long.MAX_VALUE;
        int counted = 0;
        LintResult result = null;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            counted = 0;
            for (MigrationSource s : corpus) {
                counted += SqlScript.parse(s.fileName(), s.text()).statements().size();
            }
            bestSplit = Math.min(bestSplit, System.nanoTime() - t0);
            long t1 = System.nanoTime();
            result = lint(corpus);
            bestLint = Math.min(bestLint, System.nanoTime() - t1);
        }
        Table table = new Table("phase", "statements", "best of " + rounds + " (ms)", "statements/s");
        table.row("split only", counted, bestSplit / 1_000_000, perSecond(counted, bestSplit));
        table.row("split + model + " + Rules.all().size() + " rules", result.statements(), bestLint / 1_000_000, perSecond(result.statements(), bestLint));
        table.print(out);
        out.printf("%d findings in %d files; target >= 20,000 statements/s on one core: %s%n", result.findings().size(),
                result.files(), result.statements() * 1e9 / bestLint >= 20_000 ? "met" : "NOT met");
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

    private static String perSecond(long statements, long nanos) {
        return String.format("%,d", Math.round(statements * 1e9 / nanos));
    }

    private static int intArg(List<String> args, String name, int defaultValue) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return Integer.parseInt(a.substring(name.length() + 1));
            }
        }
        return defaultValue;
    }
}
