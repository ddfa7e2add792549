package dev.zdm.core.backfill;

import dev.zdm.core.sql.Identifiers;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL text of every statement a backfill runs, built once from the resolved table and key. Identifiers
 * are quoted; key values are {@code ?} parameters bound as text and cast to the key's own types; the user's
 * SET / FROM / WHERE fragments are inserted as written (parenthesised where they join other conditions).
 * Key columns are always qualified by their table: in {@code SELECT "id"::text ... ORDER BY "id"} a bare
 * {@code "id"} would name the text output column and sort 1, 10, 100, 2.
 *
 * <p>A range unit of a split job ({@link Backfill#ranges(int)}) adds its bounds on the first key column to every
 * statement ({@code "id" >= ? AND "id" < ?}, either end left out when open); their values are bound after the key
 * values ({@link #bindRange}).
 */
final class BatchSql {
    private final TargetTable table;
    private final KeyColumns key;
    private final Backfill spec;

    BatchSql(TargetTable table, KeyColumns key, Backfill spec) {
        this.table = table;
        this.key = key;
        this.spec = spec;
    }

    /**
     * The key {@code offset} keys after the last one, found by walking the key's index (no table scan):
     * parameters are the last key (unless {@code first}), then the offset.
     */
    String nextBound(boolean first) {
        // the inner scan returns the bare columns; only the one row found is turned into text
        String owner = table.qualified();
        return "SELECT " + key.asText("zdm_bound") + " FROM (SELECT " + key.columns(owner) + " FROM " + owner
                + where(first ? null : key.reference(owner) + " > " + key.parameters(), rangeCondition(owner))
                + " ORDER BY " + key.orderBy(owner, false) + " OFFSET ? LIMIT 1) AS zdm_bound";
    }

    /** The largest key after the last one and how many keys follow it: the upper bound of the last batch. */
    String tail(boolean first) {
        String owner = table.qualified();
        return "SELECT " + key.asText(owner) + ", count(*) OVER () FROM " + owner
                + where(first ? null : key.reference(owner) + " > " + key.parameters(), rangeCondition(owner))
                + " ORDER BY " + key.orderBy(owner, true) + " LIMIT 1";
    }

    /** One batch: parameters are the last key (unless {@code first}), then the upper bound. */
    String batch(boolean first) {
        String owner = table.exposed();
        String range = (first ? "" : key.reference(owner) + " > " + key.parameters() + " AND ") + key.reference(owner) + " <= " + key.parameters()
                + (rangeCondition(owner) == null ? "" : " AND " + rangeCondition(owner));
        String where = " WHERE " + range + spec.whereClause().map(w -> " AND (" + w + ")").orElse("");
        if (spec.operation() == Backfill.Operation.DELETE) {
            return "DELETE FROM " + table.withAlias() + spec.fromClause().map(f -> " USING " + f).orElse("") + where;
        }
        return "UPDATE " + table.withAlias() + " SET " + spec.setClause().orElseThrow() + spec.fromClause().map(f -> " FROM " + f).orElse("") + where;
    }

    /** Counts the rows still matching the predicate (with a join source: rows that still have a matching source row). */
    String remaining() {
        return "SELECT count(*) FROM " + table.withAlias() + " WHERE " + remainingCondition();
    }

    /** A few keys of rows still matching, for the error message. */
    String remainingSample(int limit) {
        return "SELECT " + key.asText(table.exposed()) + " FROM " + table.withAlias() + " WHERE " + remainingCondition() + " LIMIT " + limit;
    }

    private String remainingCondition() {
        String where = spec.whereClause().orElseThrow();
        String range = rangeCondition(table.exposed());
        return (range == null ? "" : range + " AND ")
                + spec.fromClause().map(f -> "EXISTS (SELECT 1 FROM " + f + " WHERE " + where + ")").orElse("(" + where + ")");
    }

    /** {@code " WHERE a AND b"} of the conditions that are not null, or nothing. */
    private static String where(String... conditions) {
        List<String> present = new ArrayList<>();
        for (String condition : conditions) {
            if (condition != null) {
                present.add(condition);
            }
        }
        return present.isEmpty() ? "" : " WHERE " + String.join(" AND ", present);
    }

    /** A range unit's bounds on the first key column of {@code owner}, or null when this is not a range unit. */
    private String rangeCondition(String owner) {
        if (spec.rangeFrom() == null && spec.rangeTo() == null) {
            return null;
        }
        String column = owner + "." + Identifiers.quote(key.names().get(0));
        String cast = "CAST(? AS " + key.types().get(0) + ")";
        List<String> parts = new ArrayList<>();
        if (spec.rangeFrom() != null) {
            parts.add(column + " >= " + cast);
        }
        if (spec.rangeTo() != null) {
            parts.add(column + " < " + cast);
        }
        return String.join(" AND ", parts);
    }

    /** Binds a range unit's bounds from parameter {@code index} on; returns the next index (unchanged when not a range unit). */
    int bindRange(PreparedStatement ps, int index) throws SQLException {
        int i = index;
        if (spec.rangeFrom() != null) {
            ps.setString(i++, spec.rangeFrom());
        }
        if (spec.rangeTo() != null) {
            ps.setString(i++, spec.rangeTo());
        }
        return i;
    }

    /** The batch statement for logs and the checkpoint row, with the key range spelled out. */
    String describeBatch() {
        return batch(false);
    }
}
