package dev.zdm.benchmarks;

import java.io.PrintStream;
import java.util.List;

/**
 * One runnable side-by-side measurement (naive vs flyway-zdm, measured in the same run). Registered in
 * {@code META-INF/services/dev.zdm.benchmarks.Benchmark}; run with
 * {@code mvn -B -q install -DskipTests && mvn -B -pl benchmarks -Pbench verify -Dbench=<name> [-Dbench.args="..."]}.
 */
public interface Benchmark {

    /** The name used on the command line, e.g. {@code lock-queue}. */
    String name();

    /** One line saying what it measures. */
    String description();

    /** Runs the measurement and prints its table to {@code out}. */
    void run(BenchmarkContext context, List<String> args, PrintStream out) throws Exception;
}
