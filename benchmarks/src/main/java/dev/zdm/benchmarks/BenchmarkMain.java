package dev.zdm.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;

/** Runs the benchmarks named on the command line ({@code all} for every one) and prints their tables. */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        List<Benchmark> available = new ArrayList<>();
        ServiceLoader.load(Benchmark.class).forEach(available::add);
        PrintStream out = System.out;
        if (args.length == 0 || args[0].equals("list") || args[0].equals("help")) {
            printList(available, out);
            return;
        }
        String wanted = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        List<Benchmark> selected = available.stream()
                .filter(b -> wanted.equals("all") || Arrays.asList(wanted.split(",")).contains(b.name()))
                .toList();
        if (selected.isEmpty()) {
            out.println("No benchmark named '" + wanted + "'.");
            printList(available, out);
            System.exit(2);
        }
        BenchmarkContext context = BenchmarkContext.create();
        out.println("Server: " + context.server().describe());
        for (Benchmark benchmark : selected) {
            out.println();
            out.println("== " + benchmark.name() + ": " + benchmark.description());
            benchmark.run(context, rest, out);
        }
    }

    private static void printList(List<Benchmark> available, PrintStream out) {
        out.println("Benchmarks (-Dbench=NAME, several as a,b, or all):");
        available.forEach(b -> out.printf("  %-20s %s%n", b.name(), b.description()));
    }
}
