package dev.zdm.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Runs the benchmarks named by the first argument ({@code all}: the scenarios of the default run; {@code everything}:
 * every registered one; or names separated by commas), passes them the {@code key=value} arguments that follow, prints
 * their tables, and writes {@code results.json} and {@code results.md} into {@code out=DIR} (default {@code target}).
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    public static void main(String[] argv) throws Exception {
        List<Benchmark> available = new ArrayList<>();
        ServiceLoader.load(Benchmark.class).forEach(available::add);
        PrintStream out = System.out;
        if (argv.length == 0 || argv[0].equals("list") || argv[0].equals("help")) {
            printList(available, out);
            return;
        }
        List<Benchmark> selected = select(available, argv[0]);
        if (selected.isEmpty()) {
            out.println("No benchmark named '" + argv[0] + "'.");
            printList(available, out);
            System.exit(2);
        }
        Args args = Args.parse(Arrays.asList(argv).subList(1, argv.length));
        Map<String, String> recorded = new LinkedHashMap<>(args.given());
        recorded.remove("out");
        BenchmarkContext context = BenchmarkContext.create();
        Machine machine = Machine.describe(context);
        out.println("Server: " + context.server().describe() + "; " + machine.summary());
        List<ScenarioResult> results = new ArrayList<>();
        for (Benchmark benchmark : selected) {
            out.println();
            out.println("== " + benchmark.name() + ": " + benchmark.description());
            long start = System.nanoTime();
            ScenarioResult result = benchmark.run(context, args, out).elapsed(Duration.ofNanos(System.nanoTime() - start));
            result.print(out);
            out.printf("(%s took %d s)%n", benchmark.name(), result.elapsed().toSeconds());
            results.add(result);
        }
        List<Path> files = ResultsFiles.write(Path.of(args.text("out", "target")), machine, recorded, results);
        out.println();
        out.println("Wrote " + files.get(0).toAbsolutePath() + " and " + files.get(1).toAbsolutePath());
    }

    static List<Benchmark> select(List<Benchmark> available, String wanted) {
        List<String> names = Arrays.asList(wanted.split(","));
        return available.stream()
                .filter(b -> wanted.equals("everything") || (wanted.equals("all") && b.inDefaultRun()) || names.contains(b.name()))
                .toList();
    }

    private static void printList(List<Benchmark> available, PrintStream out) {
        out.println("Benchmarks (-Dbench=NAME, several as a,b; all = the default run marked *; everything = all of them):");
        available.forEach(b -> out.printf("  %-18s %s %s%n", b.name(), b.inDefaultRun() ? "*" : " ", b.description()));
    }
}
