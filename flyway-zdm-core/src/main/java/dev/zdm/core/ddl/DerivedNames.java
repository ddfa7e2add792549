package dev.zdm.core.ddl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The deterministic names flyway-zdm gives to the objects it creates, and that its lint fixes write: one function per
 * kind of object, so that a fix and the operation it describes always name things alike (quoting is
 * {@code sql.Identifiers}).
 */
public final class DerivedNames {
    /** PostgreSQL truncates identifiers to NAMEDATALEN - 1 bytes. */
    static final int MAX_BYTES = 63;

    private DerivedNames() {
    }

    /**
     * {@code parts} joined with underscores; when longer than PostgreSQL keeps, cut and made unique again with
     * a short hash of the full name, so that the same inputs always give the same name (a re-run finds what an
     * earlier run created) and two long names sharing a prefix do not collide.
     */
    public static String derivedName(String... parts) {
        String full = String.join("_", parts);
        if (full.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return full;
        }
        CRC32 crc = new CRC32();
        crc.update(full.getBytes(StandardCharsets.UTF_8));
        String suffix = "_" + String.format("%08x", crc.getValue());
        return truncateBytes(full, MAX_BYTES - suffix.length()) + suffix;
    }

    /** The helper {@code CHECK (column IS NOT NULL)} of SET NOT NULL on PostgreSQL 12-17: {@code <table>_<column>_zdm_not_null}. */
    public static String notNullCheck(String table, String column) {
        return derivedName(table, column, "zdm_not_null");
    }

    /** The not-null constraint of PostgreSQL 18's {@code NOT NULL ... NOT VALID}: {@code <table>_<column>_not_null}, as PostgreSQL names it. */
    public static String notNullConstraint(String table, String column) {
        return derivedName(table, column, "not_null");
    }

    /** {@code <table>_<columns>_fkey}, as PostgreSQL would choose. */
    public static String foreignKey(String table, List<String> columns) {
        return withColumns(table, columns, "fkey");
    }

    /** {@code <table>_<columns>_key} for a unique constraint, {@code <table>_pkey} for a primary key, as PostgreSQL would choose. */
    public static String uniqueKey(String table, List<String> columns, boolean primaryKey) {
        return primaryKey ? derivedName(table, "pkey") : withColumns(table, columns, "key");
    }

    /** {@code <table>_<columns>_idx} ({@code expr} for an expression), as PostgreSQL would choose. */
    public static String index(String table, List<String> columns) {
        return withColumns(table, columns, "idx");
    }

    /** The index of one partition under a partitioned index: {@code <index>_<partition>}. */
    public static String partitionIndex(String index, String partition) {
        return derivedName(index, partition);
    }

    private static String withColumns(String table, List<String> columns, String suffix) {
        List<String> parts = new ArrayList<>();
        parts.add(table);
        parts.addAll(columns);
        parts.add(suffix);
        return derivedName(parts.toArray(new String[0]));
    }

    private static String truncateBytes(String s, int maxBytes) {
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + len > maxBytes) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += len;
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
