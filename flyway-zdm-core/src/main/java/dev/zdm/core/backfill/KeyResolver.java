package dev.zdm.core.backfill;

import dev.zdm.core.sql.Identifiers;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Chooses the key a backfill walks by: the primary key, else the unique index with the fewest columns whose
 * columns are all NOT NULL; or checks the columns the user named. A usable key is NOT NULL (a NULL key
 * would never fall in a range) and leads a valid, non-partial btree index with default ordering (so that
 * "the next n keys" is an index range scan, and the whole walk costs one pass over the index).
 */
final class KeyResolver {

    /** One btree index of the table: its key columns in order, their types and whether they are NOT NULL. */
    private record Candidate(String index, boolean primary, boolean unique, List<String> columns, List<String> types,
                             List<Boolean> notNull, boolean defaultOrdering) {
        boolean allNotNull() {
            return notNull.stream().allMatch(b -> b);
        }
    }

    private static final String INDEXES = """
            SELECT ic.relname, i.indisprimary, i.indisunique,
                   array_agg(a.attname::text ORDER BY k.ord), array_agg(format_type(a.atttypid, a.atttypmod) ORDER BY k.ord),
                   array_agg(a.attnotnull ORDER BY k.ord),
                   bool_and(opc.opcdefault AND i.indcollation[k.ord - 1] = a.attcollation)
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_am am ON am.oid = ic.relam
            CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            JOIN pg_opclass opc ON opc.oid = i.indclass[k.ord - 1]
            WHERE i.indrelid = ? AND am.amname = 'btree' AND i.indisvalid AND i.indpred IS NULL AND i.indexprs IS NULL
              AND k.ord <= i.indnkeyatts
            GROUP BY ic.relname, i.indisprimary, i.indisunique, i.indexrelid
            ORDER BY i.indisprimary DESC, i.indisunique DESC, count(*), ic.relname
            """;

    private KeyResolver() {
    }

    static KeyColumns resolve(Connection connection, TargetTable table, List<String> requested, String statement) throws SQLException {
        List<Candidate> candidates = candidates(connection, table);
        return requested.isEmpty() ? defaultKey(table, candidates, statement) : requestedKey(connection, table, requested, candidates, statement);
    }

    private static KeyColumns defaultKey(TargetTable table, List<Candidate> candidates, String statement) {
        for (Candidate c : candidates) {
            if (c.unique() && c.allNotNull() && c.defaultOrdering()) {
                return new KeyColumns(c.columns(), c.types(), c.index(), true);
            }
        }
        StringBuilder m = new StringBuilder("Backfill ").append(statement).append(": table ").append(table.display())
                .append(" has no usable key to walk it in batches: it needs a primary key, or a unique btree index whose columns are"
                        + " all NOT NULL (partial and expression indexes cannot be used).");
        List<Candidate> unique = candidates.stream().filter(Candidate::unique).toList();
        if (!unique.isEmpty()) {
            m.append(" Found:");
            for (Candidate c : unique) {
                m.append("\n  - unique index ").append(c.index()).append(" on (").append(String.join(", ", c.columns())).append(")");
                if (!c.allNotNull()) {
                    List<String> nullable = new ArrayList<>();
                    for (int i = 0; i < c.columns().size(); i++) {
                        if (!c.notNull().get(i)) {
                            nullable.add(c.columns().get(i));
                        }
                    }
                    m.append(": column(s) ").append(String.join(", ", nullable)).append(" may be NULL");
                } else {
                    m.append(": non-default operator class or collation");
                }
            }
        }
        m.append("\nWhat to do: add a primary key without blocking writes (CREATE UNIQUE INDEX CONCURRENTLY ... ON ")
                .append(table.qualified()).append(" (...); then ALTER TABLE ").append(table.qualified())
                .append(" ADD PRIMARY KEY USING INDEX ...), or name NOT NULL columns that lead a btree index with key(...).");
        return fail(m.toString());
    }

    private static KeyColumns requestedKey(Connection connection, TargetTable table, List<String> requested, List<Candidate> candidates,
                                           String statement) throws SQLException {
        List<String> types = new ArrayList<>();
        for (String column : requested) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT format_type(atttypid, atttypmod), attnotnull FROM pg_attribute "
                    + "WHERE attrelid = ? AND attname = ? AND attnum > 0 AND NOT attisdropped")) {
                ps.setLong(1, table.oid());
                ps.setString(2, column);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return fail("Backfill " + statement + ": key column " + column + " does not exist in " + table.display()
                                + " (names are case-sensitive: use the name as the catalog has it).");
                    }
                    if (!rs.getBoolean(2)) {
                        return fail("Backfill " + statement + ": key column " + column + " of " + table.display()
                                + " may be NULL, and rows with a NULL key would never be visited. Use NOT NULL key columns"
                                + " (or make this one NOT NULL first).");
                    }
                    types.add(rs.getString(1));
                }
            }
        }
        for (Candidate c : candidates) {
            if (c.columns().size() >= requested.size() && c.columns().subList(0, requested.size()).equals(requested) && c.defaultOrdering()) {
                boolean unique = c.unique() && c.columns().size() == requested.size();
                return new KeyColumns(List.copyOf(requested), List.copyOf(types), c.index(), unique);
            }
        }
        return fail("Backfill " + statement + ": no btree index of " + table.display() + " starts with the key columns ("
                + String.join(", ", requested) + "), so every batch would scan the table (the cost would grow with the square of"
                + " its size). Create one first (CREATE INDEX CONCURRENTLY ... ON " + table.qualified() + " ("
                + Identifiers.quoteAll(requested) + ")) or leave key(...) out to use the primary key.");
    }

    private static List<Candidate> candidates(Connection connection, TargetTable table) throws SQLException {
        List<Candidate> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(INDEXES)) {
            ps.setLong(1, table.oid());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Candidate(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), strings(rs.getArray(4)), strings(rs.getArray(5)),
                            booleans(rs.getArray(6)), rs.getBoolean(7)));
                }
            }
        }
        return out;
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    private static List<Boolean> booleans(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(o -> (Boolean) o).toList();
    }

    private static KeyColumns fail(String message) {
        throw new BackfillDefinitionException(message);
    }
}
