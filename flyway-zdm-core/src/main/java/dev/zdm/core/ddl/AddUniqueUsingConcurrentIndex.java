package dev.zdm.core.ddl;

import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.sql.LockLevel;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A UNIQUE or PRIMARY KEY constraint without a long lock: {@code CREATE UNIQUE INDEX CONCURRENTLY} (see
 * {@link CreateIndexConcurrently}; an expand step undone by dropping the index), then {@code ADD CONSTRAINT ...
 * UNIQUE|PRIMARY KEY USING INDEX} (ACCESS EXCLUSIVE for an instant, short lock_timeout with retries). For a primary key,
 * columns not yet NOT NULL are made so through the safe NOT NULL path, whose expand steps come with the index and whose
 * contract steps come before the key: otherwise ADD PRIMARY KEY would scan the table under ACCESS EXCLUSIVE. A unique
 * constraint is all expand (the index already enforces it); a primary key is added in the contract. Idempotent by
 * constraint name. PostgreSQL does not allow USING INDEX on partitioned tables.
 */
final class AddUniqueUsingConcurrentIndex {
    private AddUniqueUsingConcurrentIndex() {
    }

    /** PostgreSQL's choice: {@code <table>_pkey}, or {@code <table>_<columns>_key}. */
    static String defaultName(String table, List<String> columns, boolean primaryKey) {
        return DerivedNames.uniqueKey(table, columns, primaryKey);
    }

    static Operation operation(int serverVersionNum, QualifiedName table, String constraintName, List<String> columns, boolean primaryKey) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a unique constraint needs at least one column");
        }
        String name = constraintName != null ? constraintName : defaultName(table.name(), columns, primaryKey);
        List<String> cols = List.copyOf(columns);
        String kind = primaryKey ? "PRIMARY KEY" : "UNIQUE";
        IndexSpec spec = new IndexSpec(table, name, true, true, "(" + Identifiers.quoteAll(cols) + ")");

        Step index = Step.of(Phase.EXPAND, "build the unique index concurrently", style -> createIndexSql(style, table, name, cols),
                LockLevel.SHARE_UPDATE_EXCLUSIVE, false, List.of(table),
                c -> CreateIndexConcurrently.validIndex(c, table, name),
                s -> buildIndex(s, spec, label(s, table, name, kind), cols))
                // a valid index of the name: the build finds it, checks its definition and says so
                .whenDone(s -> buildIndex(s, spec, label(s, table, name, kind), cols))
                .undoneBy(DropIndexConcurrently.dropStep(new QualifiedName(table.schema(), name)));
        Step constraint = Step.of(primaryKey ? Phase.CONTRACT : Phase.EXPAND, "add the constraint USING INDEX",
                style -> addConstraintSql(style, table, name, kind), LockLevel.ACCESS_EXCLUSIVE, true, List.of(table),
                c -> {
                    Optional<Catalog.Table> t = c.table(table);
                    return t.isPresent() && c.constraint(t.get().oid(), name).isPresent();
                },
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    ShortLockDdl.run(s, addConstraintSql(SqlStyle.QUOTED, t.qualified(), name, kind), t.oid());
                });
        if (!primaryKey) {
            constraint = constraint.undoneBy(ShortLockDdl.dropConstraint(Phase.EXPAND, table, name));
        }

        List<Step> steps = new ArrayList<>();
        List<Step> contract = new ArrayList<>();
        if (primaryKey) {
            // the columns' NOT NULL: expand steps first, contract steps before the key
            for (String column : cols) {
                Operation notNull = SetNotNull.forServer(serverVersionNum, table, column);
                steps.addAll(notNull.steps(Phase.EXPAND));
                contract.addAll(notNull.steps(Phase.CONTRACT));
            }
        }
        steps.add(index);
        steps.addAll(contract);
        steps.add(constraint);
        return new Operation("add " + kind + " " + name + " on " + table, s -> prepare(s, table, name, cols, primaryKey, kind), steps);
    }

    /** The checks before any step; true when the constraint exists already. */
    private static boolean prepare(DdlSession s, QualifiedName table, String name, List<String> columns, boolean primaryKey, String kind)
            throws SQLException {
        Catalog.Table t = s.catalog.requireTable(table);
        String label = label(t, name, kind);
        if (t.partitioned()) {
            throw new DdlException(label + ": PostgreSQL cannot add a constraint USING INDEX to a partitioned table. Add it when "
                    + "the table is small, or build a unique index on the partitioned table instead (it includes the partition key).");
        }
        Optional<Catalog.Constraint> existing = s.catalog.constraint(t.oid(), name);
        if (existing.isPresent()) {
            if (existing.get().type() == (primaryKey ? 'p' : 'u')) {
                s.reporter.info(label + ": already exists; nothing to do");
                return true;
            }
            throw new DdlException(label + ": a constraint of that name but of another kind exists; choose another name.");
        }
        if (primaryKey) {
            Optional<Catalog.Constraint> pk = s.catalog.primaryKey(t.oid());
            if (pk.isPresent()) {
                throw new DdlException(label + ": the table already has a primary key, " + pk.get().name() + ".");
            }
            s.requireServer(120000, "SET NOT NULL without a table scan");
            for (String column : columns) {
                SetNotNull.requireColumn(s, t, column);
            }
        }
        return false;
    }

    /** Builds (or finds) the unique index and checks it is on the constraint's columns. */
    private static void buildIndex(DdlSession s, IndexSpec spec, String label, List<String> columns) throws SQLException {
        Catalog.Table t = s.catalog.requireTable(spec.table());
        new CreateIndexConcurrently(spec).build(s, t);
        Catalog.Index index = s.catalog.index(t.schema(), spec.name()).orElseThrow(() -> new DdlException(label + ": index was not built"));
        List<String> indexed = s.catalog.indexColumns(index.oid());
        if (!indexed.equals(columns)) {
            throw new DdlException(label + ": an index named " + spec.name() + " already exists on columns " + indexed + ", not " + columns
                    + "; drop it or choose another name.");
        }
    }

    private static String label(DdlSession s, QualifiedName table, String name, String kind) throws SQLException {
        return label(s.catalog.requireTable(table), name, kind);
    }

    private static String label(Catalog.Table t, String name, String kind) {
        return kind.toLowerCase(Locale.ROOT) + " constraint " + Identifiers.quote(name) + " on " + t.qualified();
    }

    static String createIndexSql(SqlStyle style, QualifiedName table, String name, List<String> columns) {
        return "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + style.id(name) + " ON " + style.table(table) + " (" + style.ids(columns) + ")";
    }

    static String addConstraintSql(SqlStyle style, QualifiedName table, String name, String kind) {
        return "ALTER TABLE " + style.table(table) + " ADD CONSTRAINT " + style.id(name) + " " + kind + " USING INDEX " + style.id(name);
    }
}
