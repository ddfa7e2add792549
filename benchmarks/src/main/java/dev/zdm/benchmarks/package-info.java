/**
 * Runnable side-by-side measurements (naive vs flyway-zdm in one run) that print tables and write
 * {@code target/results.json} and {@code target/results.md}; see {@link dev.zdm.benchmarks.BenchmarkMain}.
 * Not part of the public API; may change without notice.
 */
package dev.zdm.benchmarks;
