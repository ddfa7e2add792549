package dev.zdm.core.backfill;

import dev.zdm.core.sql.Identifiers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Splits a table's key space into disjoint ranges of its first key column, once, when a background job asking for
 * {@link Backfill#ranges(int) ranges} is recorded. A numeric key is cut evenly between its minimum and maximum (read
 * through the key's index); any other key at the quantiles of its {@code pg_stats} histogram. The first range has no lower
 * bound and the last no upper bound, so together they cover every key value, including keys inserted later below the
 * minimum or above the maximum; adjacent ranges share their bound ({@code [lo, hi)}), so no key is in two ranges.
 */
final class KeyRanges {
    /** A range of the first key column: {@code from} inclusive, {@code to} exclusive, null for an open end (text of the values). */
    record Range(String from, String to) {
    }

    private static final Set<String> INTEGERS = Set.of("smallint", "integer", "bigint");
    private static final Set<String> DECIMALS = Set.of("numeric", "real", "double precision");

    private KeyRanges() {
    }

    /**
     * At most {@code n} ranges covering the whole key space; fewer when the key has fewer distinct values than that, one
     * (unbounded) when the table is empty or a non-numeric key has no statistics ({@code ANALYZE} gives it some).
     */
    static List<Range> split(Connection connection, TargetTable table, KeyColumns key, int n) throws SQLException {
        String type = key.types().get(0);
        String base = type.replaceAll("\\(.*\\)", "").strip();
        List<String> bounds = INTEGERS.contains(base) || DECIMALS.contains(base)
                ? evenBounds(connection, table, key, n, INTEGERS.contains(base))
                : histogramBounds(connection, table, key, n);
        List<Range> ranges = new ArrayList<>();
        String from = null;
        for (String bound : bounds) {
            ranges.add(new Range(from, bound));
            from = bound;
        }
        ranges.add(new Range(from, null));
        return ranges;
    }

    /** The n - 1 inner bounds cut evenly between the key's minimum and maximum, distinct and ascending. */
    private static List<String> evenBounds(Connection connection, TargetTable table, KeyColumns key, int n, boolean integer)
            throws SQLException {
        String column = table.qualified() + "." + Identifiers.quote(key.names().get(0));
        BigDecimal min;
        BigDecimal max;
        try (PreparedStatement ps = connection.prepareStatement("SELECT min(" + column + ")::text, max(" + column + ")::text FROM "
                + table.qualified()); ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getString(1) == null || !isFinite(rs.getString(1)) || !isFinite(rs.getString(2))) {
                return List.of();
            }
            min = new BigDecimal(rs.getString(1));
            max = new BigDecimal(rs.getString(2));
        }
        List<String> bounds = new ArrayList<>();
        BigDecimal span = max.subtract(min);
        BigDecimal parts = BigDecimal.valueOf(n);
        for (int i = 1; i < n; i++) {
            BigDecimal cut = min.add(span.multiply(BigDecimal.valueOf(i)).divide(parts, 12, RoundingMode.FLOOR));
            if (integer) {
                cut = cut.setScale(0, RoundingMode.FLOOR);
            }
            String text = cut.stripTrailingZeros().toPlainString();
            // a cut at the minimum would leave the first range empty; equal cuts would make empty ranges
            if (cut.compareTo(min) > 0 && (bounds.isEmpty() || !bounds.get(bounds.size() - 1).equals(text))) {
                bounds.add(text);
            }
        }
        return bounds;
    }

    private static boolean isFinite(String value) {
        return !value.equalsIgnoreCase("NaN") && !value.toLowerCase().contains("infinity");
    }

    /** The n - 1 inner bounds at the quantiles of the key's histogram in pg_stats; none without statistics. */
    private static List<String> histogramBounds(Connection connection, TargetTable table, KeyColumns key, int n) throws SQLException {
        List<String> histogram = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT histogram_bounds::text::text[] FROM pg_stats"
                + " WHERE schemaname = ? AND tablename = ? AND attname = ? ORDER BY inherited LIMIT 1")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            ps.setString(3, key.names().get(0));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    Array array = rs.getArray(1);
                    if (array != null) {
                        for (Object value : (Object[]) array.getArray()) {
                            histogram.add((String) value);
                        }
                    }
                }
            }
        }
        List<String> bounds = new ArrayList<>();
        if (histogram.size() < 3) {
            return bounds;
        }
        int last = histogram.size() - 1;
        for (int i = 1; i < n; i++) {
            String cut = histogram.get(Math.max(1, Math.min(last - 1, (int) ((long) last * i / n))));
            if (bounds.isEmpty() || !Objects.equals(bounds.get(bounds.size() - 1), cut)) {
                bounds.add(cut);
            }
        }
        return bounds;
    }
}
