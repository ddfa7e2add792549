package dev.zdm.flyway.internal.checklist;

import java.util.Locale;

/**
 * What the target's catalog says about the table a statement touches (an index stands for its table).
 *
 * @param relation the table, schema-qualified as found ({@code public.orders}), or the name as written when missing
 * @param exists   false when no such relation exists on the target
 * @param rows     estimated rows: {@code pg_class.reltuples}, else the statistics' live tuples; summed over the
 *                 partitions of a partitioned table
 * @param bytes    {@code pg_total_relation_size} (table, TOAST, indexes), or {@code relpages} times the block size when
 *                 the table was locked ({@code bytesEstimated})
 * @param bytesEstimated true when {@code bytes} comes from {@code relpages} (as of the last VACUUM or ANALYZE)
 * @param holdsRows      true for a table, partitioned table or materialized view; false for a view, sequence, ...
 */
public record TableSize(String relation, boolean exists, long rows, long bytes, boolean bytesEstimated, boolean holdsRows) {
    static TableSize missing(String relation) {
        return new TableSize(relation, false, 0, 0, false, false);
    }

    /** {@code about 1,000,000 rows, 42 MB}. */
    String describe() {
        return "about " + String.format(Locale.ROOT, "%,d", rows) + (rows == 1 ? " row, " : " rows, ")
                + (bytesEstimated ? "about " : "") + bytes(bytes);
    }

    /** {@code 512 bytes}, {@code 96 kB}, {@code 1.3 MB}, {@code 63 MB}, {@code 2.1 GB}: two significant figures at most. */
    static String bytes(long bytes) {
        String[] units = {"kB", "MB", "GB", "TB"};
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value < 10 ? String.format(Locale.ROOT, "%.1f", value) : String.valueOf(Math.round(value))) + " " + units[unit];
    }
}
