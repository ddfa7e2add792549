package dev.zdm.flyway.internal.verify;

import dev.zdm.core.report.Location;
import dev.zdm.core.state.TableStatsSnapshots.Snapshot;
import dev.zdm.core.state.TableStatsSnapshots.TableStats;
import dev.zdm.core.state.TableStatsSnapshots;
import dev.zdm.flyway.internal.verify.VerifyReport.Problem;
import java.sql.SQLException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ZDV07: no sizeable table became sequentially scanned after the migration. Compares each table's scans since the
 * statistics snapshot taken before the latest migrate ({@link StatisticsSnapshot}) with its rates before it.
 */
final class SequentialScanCheck implements IntegrityCheck {
    /** Smaller tables are scanned sequentially by design. */
    static final long MIN_ROWS = 10_000;
    /** Fewer new sequential scans are noise (a maintenance query, an ANALYZE-less plan). */
    static final long MIN_NEW_SEQ_SCANS = 10;
    /** How many times the sequential scans per second must exceed the rate before. */
    static final double RATIO = 5;

    static final String NO_SNAPSHOT = "no statistics snapshot; run zdm:verify after a migrate with flyway-zdm, or "
            + "ZdmCommands.snapshotStatistics() before";

    @Override
    public String id() {
        return "ZDV07";
    }

    @Override
    public String name() {
        return "new-sequential-scans";
    }

    @Override
    public String summary() {
        return "No table of " + String.format(Locale.ROOT, "%,d", MIN_ROWS) + " rows or more became sequentially scanned since the migration";
    }

    @Override
    public String why() {
        return "A migration that drops an index, replaces it by one queries cannot use (another column order, an expression, "
                + "a partial predicate), leaves it invalid, or changes a column's type, turns the application's index lookups into "
                + "sequential scans of the whole table: each query gets slower with the table and together they saturate I/O, "
                + "while the migration itself succeeded. flyway-zdm records pg_stat_user_tables when a migrate starts on a "
                + "database in use; this check flags a table with at least " + String.format(Locale.ROOT, "%,d", MIN_ROWS)
                + " rows whose sequential scans per second since then are at least " + (long) RATIO + " times the rate before "
                + "(and at least " + MIN_NEW_SEQ_SCANS + " of them) while its index scans per second fell.";
    }

    @Override
    public String fix() {
        return "Create the dropped index again with CREATE INDEX CONCURRENTLY (the report lists the indexes gone since the "
                + "snapshot), or, when none was dropped, look at EXPLAIN of the queries on the table (pg_stat_statements) to see "
                + "which index they no longer use. Run zdm:verify once the application has served traffic after the migrate.";
    }

    @Override
    public CheckOutcome run(VerifyContext context) throws SQLException {
        return ReadOnlyTransaction.run(context.connection(), context.statementTimeout(), c -> {
            Snapshot snapshot = TableStatsSnapshots.latest(c, context.stateSchema(), context.schemas());
            if (snapshot == null) {
                return CheckOutcome.passed(NO_SNAPSHOT);
            }
            Map<Long, TableStats> before = new HashMap<>();
            snapshot.tables().forEach(t -> before.put(t.relid(), t));
            List<Problem> problems = new ArrayList<>();
            int compared = 0;
            for (TableStats now : TableStatsSnapshots.current(c, context.schemas())) {
                TableStats then = before.get(now.relid());
                if (then == null) {
                    continue; // created since the snapshot: nothing to compare with
                }
                compared++;
                Problem problem = compare(then, now, snapshot);
                if (problem != null) {
                    problems.add(problem);
                }
            }
            String evidence = Counted.of(compared, "table", "tables") + " compared with the statistics snapshot of "
                    + snapshot.takenAt().truncatedTo(ChronoUnit.SECONDS) + " (" + snapshot.takenBy() + ")"
                    + (problems.isEmpty() ? ", none with new sequential scans" : "");
            return new CheckOutcome(evidence, problems);
        });
    }

    /** The problem with one table, or null. */
    static Problem compare(TableStats then, TableStats now, Snapshot snapshot) {
        long newSeq = now.seqScans() - then.seqScans();
        // A table's idx_scan is the sum over its indexes: a dropped index takes its count with it. The remaining indexes'
        // scans since the snapshot are then at most their whole count, which is what is compared.
        long newIdx = now.indexScans() >= then.indexScans() ? now.indexScans() - then.indexScans() : now.indexScans();
        long rows = Math.max(then.liveRows(), now.liveRows());
        if (newSeq < 0 || rows < MIN_ROWS || newSeq < MIN_NEW_SEQ_SCANS) {
            return null; // statistics reset since (the counter went down), a small table, or too few scans to judge
        }
        double since = seconds(Duration.between(then.takenAt(), now.takenAt()));
        double window = seconds(Duration.between(then.countedSince(), then.takenAt()));
        double seqNow = newSeq / since;
        double seqBefore = then.seqScans() / window;
        double idxNow = newIdx / since;
        double idxBefore = then.indexScans() / window;
        if (seqNow < RATIO * seqBefore || idxNow >= idxBefore) {
            return null;
        }
        List<String> dropped = new ArrayList<>(then.indexes());
        dropped.removeAll(now.indexes());
        String cause = dropped.isEmpty()
                ? "No index of it was dropped since the snapshot: an index the queries used is no longer usable (check EXPLAIN)."
                : "Index" + (dropped.size() == 1 ? "" : "es") + " dropped or made invalid since the snapshot: " + String.join(", ", dropped) + ".";
        String detail = String.format(Locale.ROOT, "%,d sequential scans in %s since the statistics snapshot (%s): %s/s against %s/s "
                        + "before; index scans %s/s against %s/s before; about %,d rows, each sequential scan reads them all. %s",
                newSeq, dev.zdm.core.text.Durations.format(Duration.between(then.takenAt(), now.takenAt())), snapshot.takenBy(),
                rate(seqNow), rate(seqBefore), rate(idxNow), rate(idxBefore), rows, cause);
        String fix = dropped.isEmpty()
                ? "run EXPLAIN on the queries on " + now.qualifiedName() + " (pg_stat_statements lists them) and create the index they need with CREATE INDEX CONCURRENTLY"
                : "create " + String.join(", ", dropped) + " again with CREATE INDEX CONCURRENTLY, or check with EXPLAIN that the queries on "
                + now.qualifiedName() + " have another index";
        return new Problem(Location.object("table", now.qualifiedName()), detail, fix);
    }

    private static double seconds(Duration d) {
        return Math.max(d.toMillis(), 1) / 1000.0;
    }

    private static String rate(double perSecond) {
        return perSecond >= 10 ? String.format(Locale.ROOT, "%,.0f", perSecond) : String.format(Locale.ROOT, "%.3g", perSecond);
    }
}
