package dev.zdm.flyway.internal.verify;

import dev.zdm.core.report.Location;
import dev.zdm.core.state.QueryStatsSnapshots.QueryStats;
import dev.zdm.core.state.QueryStatsSnapshots.Reading;
import dev.zdm.core.state.QueryStatsSnapshots.Snapshot;
import dev.zdm.core.state.QueryStatsSnapshots;
import dev.zdm.core.state.TableStatsSnapshots;
import dev.zdm.flyway.internal.verify.VerifyReport.Problem;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * ZDV08: no query on a table the latest migrations touched became slower. Compares each query's mean execution time
 * in {@code pg_stat_statements} since the snapshot taken before the migrate ({@link StatisticsSnapshot}: delta total
 * time / delta calls) with its mean before it. Unknown (not failed) when pg_stat_statements cannot be read.
 */
final class QueryTimeCheck implements IntegrityCheck {
    static final String NO_SNAPSHOT = "no query statistics snapshot (pg_stat_statements was not readable when it was taken); "
            + "run zdm:verify after a migrate with flyway-zdm, or ZdmCommands.snapshotStatistics() before";

    @Override
    public String id() {
        return "ZDV08";
    }

    @Override
    public String name() {
        return "slower-queries";
    }

    @Override
    public String summary() {
        return "No query on a table the migrations touched became slower since the migration";
    }

    @Override
    public String why() {
        return "A migration can succeed and still slow the application down: an index dropped or rebuilt differently, a "
                + "column type that no longer matches the queries' parameters, a trigger added for a column sync, a table "
                + "rewritten without its statistics. pg_stat_statements counts each query's calls and time; flyway-zdm records "
                + "them when a migrate starts on a database in use, and this check compares every query naming a table the "
                + "migrations applied since then touched: its mean time since the snapshot against its mean before. A query "
                + "fails when it became at least " + fmt(VerifyOptions.DEFAULT_FACTOR) + " times slower and at least "
                + fmt(VerifyOptions.DEFAULT_FLOOR_MS) + " ms slower (zdm.slowdownFactor, zdm.slowdownFloorMs), over at least "
                + VerifyOptions.DEFAULT_MIN_CALLS + " calls since. Without pg_stat_statements the check is unknown, never failed.";
    }

    @Override
    public String fix() {
        return "Run EXPLAIN (ANALYZE, BUFFERS) on the query the report quotes: an index the migration dropped or replaced is "
                + "created again with CREATE INDEX CONCURRENTLY, a table rewritten by the migration is analysed (ANALYZE), a "
                + "parameter type is aligned with the column's new type. To enable the check: shared_preload_libraries = "
                + "'pg_stat_statements' in postgresql.conf, a restart, and CREATE EXTENSION pg_stat_statements in the database.";
    }

    @Override
    public CheckOutcome run(VerifyContext context) throws SQLException {
        return ReadOnlyTransaction.run(context.connection(), context.statementTimeout(), c -> {
            Reading now = QueryStatsSnapshots.current(c);
            if (!now.usable()) {
                return CheckOutcome.unknown("unknown: " + now.unavailable(),
                        new Problem(Location.object("extension", "pg_stat_statements"), now.unavailable() + ": query times cannot be compared.",
                                now.howToEnable()));
            }
            Snapshot snapshot = QueryStatsSnapshots.latest(c, context.stateSchema());
            if (snapshot == null) {
                return CheckOutcome.passed(NO_SNAPSHOT);
            }
            TableStatsSnapshots.Snapshot tables = TableStatsSnapshots.latest(c, context.stateSchema(), context.schemas());
            List<String> migrations = TouchedTables.migrationsSince(context.applied(), snapshot.historyRank());
            String of = " the query statistics snapshot of " + snapshot.takenAt().truncatedTo(ChronoUnit.SECONDS) + " ("
                    + snapshot.takenBy() + ")";
            if (migrations.isEmpty()) {
                return CheckOutcome.passed("no migration applied since" + of);
            }
            List<String> touched = TouchedTables.since(context.applied(), snapshot.historyRank(),
                    tables == null ? List.of() : tables.tables());
            List<Problem> problems = new ArrayList<>();
            int compared = 0;
            for (QueryStats after : now.queries().values()) {
                QueryStats before = snapshot.queries().get(after.queryId());
                String table = touchedBy(after.query(), touched);
                if (before == null || table == null) {
                    continue; // a new query has no time to compare with; a query of an untouched table is not ours
                }
                compared++;
                Problem problem = compare(before, after, table, context.options());
                if (problem != null) {
                    problems.add(problem);
                }
            }
            String evidence = Counted.of(compared, "query", "queries") + " on " + Counted.of(touched.size(), "touched table", "touched tables")
                    + (touched.isEmpty() ? "" : " (" + String.join(", ", touched) + ")") + " compared with" + of
                    + (problems.isEmpty() ? ", none slower" : "");
            return new CheckOutcome(evidence, problems);
        });
    }

    /** The problem with one query, or null. */
    static Problem compare(QueryStats before, QueryStats after, String table, VerifyOptions options) {
        long calls = after.calls() - before.calls();
        double total = after.totalMs() - before.totalMs();
        if (before.calls() <= 0 || calls < options.minCalls() || total < 0) {
            return null; // no mean before, too few calls to judge, or counters reset since
        }
        double meanBefore = before.meanMs();
        double meanAfter = total / calls;
        if (meanAfter < options.slowdownFactor() * meanBefore || meanAfter - meanBefore < options.slowdownFloorMs()) {
            return null;
        }
        String detail = String.format(Locale.ROOT, "mean %s ms over %,d calls since the snapshot, against %s ms over %,d calls before "
                        + "(%sx slower): %s", fmt(meanAfter), calls, fmt(meanBefore), before.calls(),
                meanBefore > 0 ? fmt(meanAfter / meanBefore) : "∞", after.query());
        return new Problem(Location.object("query", "queryid " + after.queryId() + " on " + table), detail,
                "run EXPLAIN (ANALYZE, BUFFERS) on this query: create again, with CREATE INDEX CONCURRENTLY, an index of " + table
                        + " the migration dropped or replaced, or ANALYZE " + table + " when the migration rewrote it");
    }

    /** The first touched table {@code query} names as a word (case-insensitive), or null. */
    static String touchedBy(String query, List<String> touched) {
        for (String table : touched) {
            if (Pattern.compile("(^|[^\\p{Alnum}_])" + Pattern.quote(table) + "($|[^\\p{Alnum}_])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(query).find()) {
                return table;
            }
        }
        return null;
    }

    /** Three significant digits, no trailing zeros: {@code 2}, {@code 0.0312}, {@code 4.17}, {@code 1,250}. */
    static String fmt(double value) {
        if (value >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
