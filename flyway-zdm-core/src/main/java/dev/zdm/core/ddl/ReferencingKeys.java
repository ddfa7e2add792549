package dev.zdm.core.ddl;

import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.sql.LockLevel;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The foreign keys of other tables (or of the table itself) that reference the column a {@link ColumnCopy} replaces,
 * moved to the new column the way GitLab's integer-to-bigint conversions move them: in the expand, a copy of each
 * ({@code <name>_zdm}, same columns and actions, referencing the new column through the copy of its unique or primary
 * key index) is added {@code NOT VALID} and validated, marked {@code zdm:final-name <name>}; in the contract, table by
 * table, one short-lock transaction drops the original and gives the copy its name. The referencing columns keep
 * their type (an {@code integer} column may reference a {@code bigint} key); converting one is a change of its own.
 * <p>Every step reads the catalog first: the originals are the keys still referencing the old column, the copies the
 * keys referencing the new one.
 */
final class ReferencingKeys {
    private final String label;
    private final QualifiedName table;
    private final String oldColumn;
    private final String newColumn;
    /** The copy is finished (the old column is gone): every step counts as done. */
    private final Step.Check finished;

    ReferencingKeys(String label, QualifiedName table, String oldColumn, String newColumn, Step.Check finished) {
        this.label = label;
        this.table = table;
        this.oldColumn = oldColumn;
        this.newColumn = newColumn;
        this.finished = finished;
    }

    static String copyName(String name) {
        return DerivedNames.derivedName(name, "zdm");
    }

    /** The keys referencing {@code column} of the table; none when the table or the column is gone. */
    private List<ColumnFacts.ReferencingKey> referencing(Catalog c, String column) throws SQLException {
        Optional<Catalog.Table> t = c.table(table);
        if (t.isEmpty()) {
            return List.of();
        }
        ColumnFacts f = new ColumnFacts(c);
        Optional<ColumnFacts.ColumnInfo> col = f.column(t.get().oid(), column);
        return col.isEmpty() ? List.of() : f.referencingKeys(t.get().oid(), col.get().attnum());
    }

    private static boolean tagged(ColumnFacts.ReferencingKey k) {
        return k.comment() != null && k.comment().startsWith(ColumnFacts.FINAL_NAME);
    }

    private static String finalName(ColumnFacts.ReferencingKey k) {
        return k.comment().substring(ColumnFacts.FINAL_NAME.length());
    }

    // ---- expand -------------------------------------------------------------------------------------------------------

    private boolean copied(Catalog c) throws SQLException {
        List<ColumnFacts.ReferencingKey> copies = referencing(c, newColumn);
        for (ColumnFacts.ReferencingKey k : referencing(c, oldColumn)) {
            boolean ok = copies.stream().anyMatch(x -> x.tableOid() == k.tableOid() && x.name().equals(copyName(k.name())) && x.validated()
                    && tagged(x) && finalName(x).equals(k.name()));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Expand: a validated copy of each key referencing the old column, pointing at the new one. Undo: drop the copies. */
    Step copy() {
        Step add = Step.of(Phase.EXPAND, "copy the foreign keys that reference the column onto the new column",
                style -> "ALTER TABLE <referencing table> ADD CONSTRAINT <name>_zdm FOREIGN KEY (...) REFERENCES " + style.table(table) + " ("
                        + style.id(newColumn) + ") ... NOT VALID; ALTER TABLE <referencing table> VALIDATE CONSTRAINT <name>_zdm, for each "
                        + "foreign key referencing " + style.id(oldColumn),
                LockLevel.SHARE_ROW_EXCLUSIVE, true, List.of(table),
                c -> finished.isDone(c) || copied(c),
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    for (ColumnFacts.ReferencingKey k : referencing(s.catalog, oldColumn)) {
                        copyOne(s, t, k);
                    }
                });
        Step drop = Step.of(Phase.EXPAND, "drop the copies of the foreign keys that reference the column",
                style -> "ALTER TABLE <referencing table> DROP CONSTRAINT IF EXISTS <name>_zdm, for each foreign key referencing "
                        + style.table(table) + " (" + style.id(newColumn) + ")",
                LockLevel.ACCESS_EXCLUSIVE, true, List.of(table),
                c -> finished.isDone(c) || referencing(c, newColumn).isEmpty(),
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    List<ColumnFacts.ReferencingKey> copies = referencing(s.catalog, newColumn);
                    List<String> moved = copies.stream().filter(k -> !tagged(k)).map(k -> Identifiers.quote(k.name()) + " on " + k.qualified())
                            .toList();
                    if (!moved.isEmpty()) {
                        throw new DdlException(label + ": cannot roll back: the contract has started (foreign keys " + String.join(", ", moved)
                                + " already reference " + Identifiers.quote(newColumn) + " under their final names). Run the contract again to "
                                + "finish the change; it resumes where it stopped.");
                    }
                    for (ColumnFacts.ReferencingKey k : copies) {
                        ShortLockDdl.run(s, ShortLockDdl.dropConstraintSql(SqlStyle.QUOTED, k.qualified(), k.name()), k.tableOid(), t.oid());
                    }
                });
        return add.undoneBy(drop);
    }

    private void copyOne(DdlSession s, Catalog.Table t, ColumnFacts.ReferencingKey k) throws SQLException {
        String copy = copyName(k.name());
        Catalog.Table from = s.catalog.table(k.qualified()).orElseThrow();
        Optional<Catalog.Constraint> existing = s.catalog.constraint(from.oid(), copy);
        if (existing.isEmpty()) {
            String definition = ColumnReferences.referencing(k.definition(), k.columns(), t.qualified(), k.referenced(), oldColumn, newColumn);
            // one implicit transaction: the copy never exists without the mark that tells it from a key of that name
            ShortLockDdl.run(s, "ALTER TABLE " + from.qualified().quoted() + " ADD CONSTRAINT " + Identifiers.quote(copy) + " " + definition
                    + (definition.endsWith("NOT VALID") ? "" : " NOT VALID") + "; COMMENT ON CONSTRAINT " + Identifiers.quote(copy) + " ON "
                    + from.qualified().quoted() + " IS " + literal(ColumnFacts.FINAL_NAME + k.name()), from.oid(), t.oid());
        } else if (existing.get().type() != 'f') {
            throw new DdlException(label + ": " + from.qualified() + " already has a constraint " + Identifiers.quote(copy)
                    + " that is not a foreign key. Rename or drop it, then run again.");
        }
        if (!s.catalog.constraint(from.oid(), copy).orElseThrow().validated()) {
            NotValidThenValidate.validate(s, from, copy, "23503", "the rows of " + from.qualified() + " that fail it fail "
                    + Identifiers.quote(k.name()) + " too (is the original NOT VALID?), or " + Identifiers.quote(newColumn)
                    + " differs from " + Identifiers.quote(oldColumn) + " somewhere (is the sync trigger installed?): fix them");
        }
    }

    // ---- contract -----------------------------------------------------------------------------------------------------

    /**
     * Contract, before the swap of the columns: for each referencing table, in one short-lock transaction that locks
     * the table, then the referencing one, in ACCESS EXCLUSIVE mode: drop the original key, give the copy its name and
     * the original's comment.
     */
    Step move() {
        return Step.of(Phase.CONTRACT, "move the foreign keys that reference the column to the new column (table by table)",
                style -> "LOCK TABLE " + style.table(table) + ", <referencing table> IN ACCESS EXCLUSIVE MODE; ALTER TABLE <referencing table> "
                        + "DROP CONSTRAINT <name>; ALTER TABLE <referencing table> RENAME CONSTRAINT <name>_zdm TO <name>",
                LockLevel.ACCESS_EXCLUSIVE, true, List.of(table),
                c -> finished.isDone(c) || referencing(c, oldColumn).isEmpty(),
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    Map<Long, List<ColumnFacts.ReferencingKey>> byTable = new LinkedHashMap<>();
                    for (ColumnFacts.ReferencingKey k : referencing(s.catalog, oldColumn)) {
                        byTable.computeIfAbsent(k.tableOid(), x -> new ArrayList<>()).add(k);
                    }
                    for (List<ColumnFacts.ReferencingKey> keys : byTable.values()) {
                        moveOne(s, t, keys);
                    }
                });
    }

    private void moveOne(DdlSession s, Catalog.Table t, List<ColumnFacts.ReferencingKey> keys) throws SQLException {
        QualifiedName from = keys.get(0).qualified();
        long fromOid = keys.get(0).tableOid();
        for (ColumnFacts.ReferencingKey k : keys) {
            if (s.catalog.constraint(fromOid, copyName(k.name())).isEmpty()) {
                throw new DdlException(label + ": the copy " + Identifiers.quote(copyName(k.name())) + " of foreign key " + Identifiers.quote(k.name())
                        + " on " + from + " is missing (the key was added after the expand?). Run the expand again to copy it, then the contract.");
            }
        }
        List<String> sql = new ArrayList<>();
        // the referenced table first, then the referencing one, always in this order
        sql.add("LOCK TABLE " + t.qualified().quoted() + (fromOid == t.oid() ? "" : ", " + from.quoted()) + " IN ACCESS EXCLUSIVE MODE");
        for (ColumnFacts.ReferencingKey k : keys) {
            sql.add("ALTER TABLE " + from.quoted() + " DROP CONSTRAINT " + Identifiers.quote(k.name()));
            sql.add("ALTER TABLE " + from.quoted() + " RENAME CONSTRAINT " + Identifiers.quote(copyName(k.name())) + " TO " + Identifiers.quote(k.name()));
            sql.add("COMMENT ON CONSTRAINT " + Identifiers.quote(k.name()) + " ON " + from.quoted() + " IS "
                    + (k.comment() == null ? "NULL" : literal(k.comment())));
        }
        // one transaction: a key is never missing and never doubled
        ShortLockDdl.inTransaction(s, "the move of the foreign keys of " + from + " to " + Identifiers.quote(newColumn), () -> {
            for (String statement : sql) {
                s.reporter.info("running " + statement);
                try (Statement st = s.connection.createStatement()) {
                    st.execute(statement);
                }
            }
        }, t.oid(), fromOid);
    }

    private static String literal(String value) {
        return ColumnCopy.literal(value);
    }
}
