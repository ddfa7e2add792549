package dev.zdm.benchmarks;

import java.io.PrintStream;

/**
 * One runnable side-by-side measurement (naive vs flyway-zdm, measured in the same run). Registered in
 * {@code META-INF/services/dev.zdm.benchmarks.Benchmark}; run with
 * {@code mvn -B -q -pl benchmarks -am -Pbench verify -DskipTests -Dbench=<name> [-Dbench.rows=N] [-Dbench.args="k=v ..."]}.
 */
public interface Benchmark {

    /** The name used on the command line, e.g. {@code lock-queue}. */
    String name();

    /** One line saying what it measures. */
    String description();

    /** True for the scenarios the default run ({@code all}) measures; the others run by name or with {@code everything}. */
    default boolean inDefaultRun() {
        return false;
    }

    /** Runs the measurement, printing progress to {@code out}, and returns what it measured. */
    ScenarioResult run(BenchmarkContext context, Args args, PrintStream out) throws Exception;
}
