package dev.zdm.core.ddl;

import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.sql.LockLevel;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * The contract instant of a {@link ColumnCopy}: the new column takes the old one's place in one short-lock transaction
 * (ACCESS EXCLUSIVE on the table, the operation's {@code lock_timeout}, retried on contention), after the foreign keys
 * that referenced the old column were moved ({@link ReferencingKeys}). In that transaction, the catalog read under the
 * lock: drop the sync trigger; the old column's sequence moves to the new column ({@code OWNED BY}, and {@code AS <type>}
 * when an integer type widens) or, for an identity column, the identity is dropped and added again on the new column
 * with the same sequence name, options and position; drop the old column (its primary key and indexes go with it);
 * a type change's shadow takes the column's name; the default; {@code SET NOT NULL} where the old column was (the
 * validated CHECK proves it: no scan); the primary key again, {@code ADD CONSTRAINT <pkey> PRIMARY KEY USING INDEX} on
 * the copy of its index built concurrently in the expand. Nothing is left half-done: a crash rolls it all back, and the
 * step is done once the old column is gone.
 */
final class ColumnSwap {
    /** int2, int4, int8 in widening order: the types a sequence can have. */
    private static final List<Long> INTEGER_TYPES = List.of(21L, 23L, 20L);
    private static final long INT4_MAX = Integer.MAX_VALUE;
    private static final long INT2_MAX = Short.MAX_VALUE;

    private final QualifiedName table;
    private final String oldColumn;
    private final String newColumn;
    /** The column's name after the swap. */
    private final String lastName;
    /** null: the old column's type (a rename). */
    private final String newType;
    private final String trigger;
    private final String check;
    private final Step.Check finished;

    ColumnSwap(QualifiedName table, String oldColumn, String newColumn, String lastName, String newType, String trigger, String check,
               Step.Check finished) {
        this.table = table;
        this.oldColumn = oldColumn;
        this.newColumn = newColumn;
        this.lastName = lastName;
        this.newType = newType;
        this.trigger = trigger;
        this.check = check;
        this.finished = finished;
    }

    Step step() {
        return Step.of(Phase.CONTRACT, "swap the columns in one transaction: sequence or identity, old column and trigger dropped, "
                        + "default, NOT NULL and primary key on the new column",
                style -> "LOCK TABLE " + style.table(table) + " IN ACCESS EXCLUSIVE MODE; " + SyncTrigger.dropTriggerSql(style, table, trigger)
                        + "; ALTER SEQUENCE <its sequence> OWNED BY " + style.table(table) + "." + style.id(newColumn)
                        + " [AS <type>] | ALTER TABLE " + style.table(table) + " ALTER COLUMN " + style.id(oldColumn) + " DROP IDENTITY; ALTER TABLE "
                        + style.table(table) + " DROP COLUMN " + style.id(oldColumn)
                        + (lastName.equals(newColumn) ? "" : "; ALTER TABLE " + style.table(table) + " RENAME COLUMN " + style.id(newColumn) + " TO "
                        + style.id(lastName)) + "; ALTER TABLE " + style.table(table) + " ALTER COLUMN " + style.id(lastName) + " SET DEFAULT <default of "
                        + oldColumn + "> | ADD GENERATED ... AS IDENTITY (SEQUENCE NAME <its sequence> ...), SET NOT NULL; ALTER TABLE "
                        + style.table(table) + " ADD CONSTRAINT <pkey> PRIMARY KEY USING INDEX <pkey>_zdm",
                LockLevel.ACCESS_EXCLUSIVE, true, List.of(table),
                finished::isDone,
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    ShortLockDdl.inTransaction(s, "the swap of " + Identifiers.quote(oldColumn) + " and " + Identifiers.quote(newColumn) + " on "
                            + t.qualified(), () -> swap(s, t), t.oid());
                });
    }

    private void swap(DdlSession s, Catalog.Table t) throws SQLException {
        String tq = t.qualified().quoted();
        exec(s, "LOCK TABLE " + tq + " IN ACCESS EXCLUSIVE MODE");
        if (finished.isDone(s.catalog)) {
            return; // an attempt that committed but whose answer was lost
        }
        ColumnFacts f = new ColumnFacts(s.catalog);
        ColumnFacts.ColumnInfo old = f.column(t.oid(), oldColumn).orElseThrow();
        Optional<ColumnFacts.IdentitySequence> identity = old.identity() ? f.identitySequence(t.oid(), old.attnum()) : Optional.empty();
        Optional<Catalog.Constraint> pkey = s.catalog.primaryKey(t.oid());
        Optional<ColumnFacts.IndexInfo> pkIndex = f.primaryKeyIndex(t.oid(), old.attnum());
        String pkCopy = pkIndex.map(i -> DerivedNames.derivedName(i.name(), "zdm")).orElse(null);
        if (pkIndex.isPresent() && !CreateIndexConcurrently.validIndex(s.catalog, t.qualified(), pkCopy)) {
            throw new DdlException("the copy " + Identifiers.quote(pkCopy) + " of the primary key's index on " + t.qualified()
                    + " is missing or invalid: run the expand again, then the contract.");
        }
        String col = Identifiers.quote(lastName);
        exec(s, SyncTrigger.dropTriggerSql(SqlStyle.QUOTED, t.qualified(), trigger));
        if (identity.isPresent()) {
            exec(s, "ALTER TABLE " + tq + " ALTER COLUMN " + Identifiers.quote(oldColumn) + " DROP IDENTITY");
        } else if (old.ownedSequence() != null) {
            // before the drop, or the sequence would go with the old column
            exec(s, "ALTER SEQUENCE " + old.ownedSequence() + " OWNED BY " + tq + "." + Identifiers.quote(newColumn));
            long target = newType == null ? 0 : f.typeOid(newType);
            if (INTEGER_TYPES.indexOf(target) > INTEGER_TYPES.indexOf(f.sequenceType(old.ownedSequence()))) {
                // a serial's sequence is AS integer: widened with its column, or it stops at 2^31 - 1
                exec(s, "ALTER SEQUENCE " + old.ownedSequence() + " AS " + newType);
            }
        }
        exec(s, "ALTER TABLE " + tq + " DROP COLUMN " + Identifiers.quote(oldColumn));
        if (!lastName.equals(newColumn)) {
            exec(s, "ALTER TABLE " + tq + " RENAME COLUMN " + Identifiers.quote(newColumn) + " TO " + col);
        }
        if (old.notNull() && s.catalog.constraint(t.oid(), check).map(Catalog.Constraint::validated).orElse(false)) {
            exec(s, SetNotNullViaValidatedCheck.setNotNullSql(SqlStyle.QUOTED, t.qualified(), lastName));
        }
        if (identity.isPresent()) {
            ColumnFacts.IdentitySequence seq = identity.get();
            exec(s, "ALTER TABLE " + tq + " ALTER COLUMN " + col + " ADD GENERATED " + (seq.kind() == 'a' ? "ALWAYS" : "BY DEFAULT")
                    + " AS IDENTITY (" + identityOptions(seq) + ")");
            exec(s, "SELECT setval(" + literal(seq.sequence()) + ", " + seq.lastValue() + ", " + seq.called() + ")");
        } else if (old.defaultExpr() != null) {
            exec(s, "ALTER TABLE " + tq + " ALTER COLUMN " + col + " SET DEFAULT " + old.defaultExpr());
        }
        if (pkIndex.isPresent()) {
            exec(s, "ALTER TABLE " + tq + " ADD CONSTRAINT " + Identifiers.quote(pkey.orElseThrow().name()) + " PRIMARY KEY USING INDEX "
                    + Identifiers.quote(pkCopy));
        }
    }

    /** The options of the identity sequence as they were; bounds that were the old type's defaults become the new type's. */
    private static String identityOptions(ColumnFacts.IdentitySequence seq) {
        boolean narrowMax = seq.max() == INT4_MAX || seq.max() == INT2_MAX;
        boolean narrowMin = seq.min() == -INT4_MAX - 1 || seq.min() == -INT2_MAX - 1;
        return "SEQUENCE NAME " + seq.sequence() + " INCREMENT BY " + seq.increment()
                + (narrowMin && seq.increment() < 0 ? "" : " MINVALUE " + seq.min())
                + (narrowMax && seq.increment() > 0 ? "" : " MAXVALUE " + seq.max())
                + " START WITH " + seq.start() + " CACHE " + seq.cache() + (seq.cycle() ? " CYCLE" : " NO CYCLE");
    }

    private static void exec(DdlSession s, String sql) throws SQLException {
        s.reporter.info("running " + sql);
        try (Statement st = s.connection.createStatement()) {
            st.execute(sql);
        }
    }

    private static String literal(String value) {
        return ColumnCopy.literal(value);
    }
}
