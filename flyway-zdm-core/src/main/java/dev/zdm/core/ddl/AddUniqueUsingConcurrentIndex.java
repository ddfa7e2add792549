package dev.zdm.core.ddl;

import dev.zdm.core.sql.Identifiers;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A UNIQUE or PRIMARY KEY constraint without a long lock: {@code CREATE UNIQUE INDEX CONCURRENTLY} (see
 * {@link CreateIndexConcurrently}), then {@code ADD CONSTRAINT ... UNIQUE|PRIMARY KEY USING INDEX} (ACCESS EXCLUSIVE
 * for an instant, short lock_timeout with retries). For a primary key, columns not yet NOT NULL are made so first
 * through the safe NOT NULL path: otherwise ADD PRIMARY KEY would scan the table under ACCESS EXCLUSIVE.
 * Idempotent by constraint name. PostgreSQL does not allow USING INDEX on partitioned tables.
 */
final class AddUniqueUsingConcurrentIndex {
    private final QualifiedName table;
    private final String name;
    private final List<String> columns;
    private final boolean primaryKey;

    AddUniqueUsingConcurrentIndex(QualifiedName table, String name, List<String> columns, boolean primaryKey) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a unique constraint needs at least one column");
        }
        this.table = table;
        this.name = name != null ? name : defaultName(table.name(), columns, primaryKey);
        this.columns = List.copyOf(columns);
        this.primaryKey = primaryKey;
    }

    /** PostgreSQL's choice: {@code <table>_pkey}, or {@code <table>_<columns>_key}. */
    static String defaultName(String table, List<String> columns, boolean primaryKey) {
        if (primaryKey) {
            return DerivedNames.derivedName(table, "pkey");
        }
        List<String> parts = new java.util.ArrayList<>();
        parts.add(table);
        parts.addAll(columns);
        parts.add("key");
        return DerivedNames.derivedName(parts.toArray(new String[0]));
    }

    void apply(DdlSession s) throws SQLException {
        Catalog.Table t = s.catalog.requireTable(table);
        String kind = primaryKey ? "PRIMARY KEY" : "UNIQUE";
        String label = kind.toLowerCase(java.util.Locale.ROOT) + " constraint " + Identifiers.quote(name) + " on " + t.qualified();
        if (t.partitioned()) {
            throw new DdlException(label + ": PostgreSQL cannot add a constraint USING INDEX to a partitioned table. Add it when "
                    + "the table is small, or build a unique index on the partitioned table instead (it includes the partition key).");
        }
        Optional<Catalog.Constraint> existing = s.catalog.constraint(t.oid(), name);
        if (existing.isPresent()) {
            if (existing.get().type() == (primaryKey ? 'p' : 'u')) {
                s.reporter.info(label + ": already exists; nothing to do");
                return;
            }
            throw new DdlException(label + ": a constraint of that name but of another kind exists; choose another name.");
        }
        if (primaryKey) {
            Optional<Catalog.Constraint> pk = s.catalog.primaryKey(t.oid());
            if (pk.isPresent()) {
                throw new DdlException(label + ": the table already has a primary key, " + pk.get().name() + ".");
            }
            for (String column : columns) {
                SetNotNull.forServer(s, t.qualified(), column).apply(s);
            }
        }
        new CreateIndexConcurrently(new IndexSpec(t.qualified(), name, true, true, "(" + Identifiers.quoteAll(columns) + ")")).build(s, t);
        Catalog.Index index = s.catalog.index(t.schema(), name).orElseThrow(() -> new DdlException(label + ": index was not built"));
        List<String> indexed = s.catalog.indexColumns(index.oid());
        if (!indexed.equals(columns)) {
            throw new DdlException(label + ": an index named " + name + " already exists on columns " + indexed + ", not " + columns
                    + "; drop it or choose another name.");
        }
        ShortLockDdl.run(s, "ALTER TABLE " + t.qualified().quoted() + " ADD CONSTRAINT " + Identifiers.quote(name) + " " + kind
                + " USING INDEX " + Identifiers.quote(name), t.oid());
    }
}
