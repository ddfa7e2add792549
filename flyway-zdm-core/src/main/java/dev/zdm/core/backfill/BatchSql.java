package dev.zdm.core.backfill;

/**
 * The SQL text of every statement a backfill runs, built once from the resolved table and key. Identifiers
 * are quoted; key values are {@code ?} parameters bound as text and cast to the key's own types; the user's
 * SET / FROM / WHERE fragments are inserted as written (parenthesised where they join other conditions).
 * Key columns are always qualified by their table: in {@code SELECT "id"::text ... ORDER BY "id"} a bare
 * {@code "id"} would name the text output column and sort 1, 10, 100, 2.
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
                + (first ? "" : " WHERE " + key.reference(owner) + " > " + key.parameters())
                + " ORDER BY " + key.orderBy(owner, false) + " OFFSET ? LIMIT 1) AS zdm_bound";
    }

    /** The largest key after the last one and how many keys follow it: the upper bound of the last batch. */
    String tail(boolean first) {
        String owner = table.qualified();
        return "SELECT " + key.asText(owner) + ", count(*) OVER () FROM " + owner
                + (first ? "" : " WHERE " + key.reference(owner) + " > " + key.parameters()) + " ORDER BY " + key.orderBy(owner, true) + " LIMIT 1";
    }

    /** One batch: parameters are the last key (unless {@code first}), then the upper bound. */
    String batch(boolean first) {
        String owner = table.exposed();
        String range = (first ? "" : key.reference(owner) + " > " + key.parameters() + " AND ") + key.reference(owner) + " <= " + key.parameters();
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
        return spec.fromClause().map(f -> "EXISTS (SELECT 1 FROM " + f + " WHERE " + where + ")").orElse("(" + where + ")");
    }

    /** The batch statement for logs and the checkpoint row, with the key range spelled out. */
    String describeBatch() {
        return batch(false);
    }
}
