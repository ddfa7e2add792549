package dev.zdm.core.ddl;

import dev.zdm.core.backfill.Backfill;
import dev.zdm.core.backfill.BackfillDefaults;
import dev.zdm.core.backfill.BackfillExecutor;
import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.sql.LockLevel;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A column replaced by a copy while both application versions run, pgroll-style: the machinery of {@code renameColumn}
 * and {@code changeType}.
 * <p>Expand: add the new column (type, collation; no default yet), the {@link SyncTrigger}, a {@code CHECK (new IS NOT NULL)
 * NOT VALID} where the old one is NOT NULL, a batched backfill through the backfill engine, VALIDATE of the CHECK, and
 * copies of the column's indexes (the primary key's too) and unique constraints built concurrently, of its CHECKs and
 * foreign keys added NOT VALID and validated, of the foreign keys of other tables that reference it ({@link ReferencingKeys})
 * (all marked with their final names). Contract: the referencing foreign keys moved table by table, then the
 * {@link ColumnSwap} in one transaction (sequence or identity, old column and trigger dropped, (a type change) the new
 * column takes the old name, default, SET NOT NULL through the CHECK, primary key using the copied index), the function
 * is dropped, the copies take their final names. Undo: the referencing copies, trigger, function and new column (its
 * indexes and CHECK go with it).
 * <p>Every step reads the catalog first; once the old column is gone every expand step counts as done.
 */
final class ColumnCopy {
    private final String label;
    private final QualifiedName table;
    private final String oldColumn;
    private final String newColumn;
    /** null: the old column's type (a rename). */
    private final String newType;
    private final String upVar;
    private final String upExpr;
    private final String downVar;
    /** null: no inverse, writes of the new column do not reach the old one. */
    private final String downExpr;
    /** null for a rename; the column's own name for a type change (the copy takes it at contract). */
    private final String finalName;
    private final String trigger;
    /** The backfill as a background job: recorded by the expand, waited for (with validation and index copies) by the contract. */
    private boolean background;

    ColumnCopy(String label, QualifiedName table, String oldColumn, String newColumn, String newType, String upVar, String upExpr,
               String downVar, String downExpr, String finalName) {
        this.label = label;
        this.table = table;
        this.oldColumn = oldColumn;
        this.newColumn = newColumn;
        this.newType = newType;
        this.upVar = upVar;
        this.upExpr = upExpr;
        this.downVar = downVar;
        this.downExpr = downExpr;
        this.finalName = finalName;
        this.trigger = DerivedNames.derivedName(table.name(), oldColumn, "zdm_sync");
        for (String e : new String[] {upExpr, downExpr}) {
            if (e != null && e.contains("$zdm$")) {
                throw new IllegalArgumentException(label + ": the conversion must not contain $zdm$");
            }
        }
    }

    /** Makes the backfill a background job ({@link #backgroundBackfill}); returns this. */
    ColumnCopy background(boolean inBackground) {
        this.background = inBackground;
        return this;
    }

    Operation operation() {
        List<Step> steps = new ArrayList<>();
        steps.add(addColumn());
        steps.add(installTrigger());
        // after the trigger: from then on every written row has the new column filled
        steps.add(addNotNullCheck());
        // after the copy of the key's index: a foreign key needs a unique index on the columns it references
        ReferencingKeys keys = new ReferencingKeys(label, table, oldColumn, newColumn, this::oldDropped);
        if (background) {
            // the backfill runs as a job; what needs every row copied waits for it in the contract
            steps.addAll(backgroundBackfill());
            steps.add(validateNotNullCheck().inPhase(Phase.CONTRACT));
            steps.add(copyIndexes().inPhase(Phase.CONTRACT));
            steps.add(keys.copy().inPhase(Phase.CONTRACT));
        } else {
            steps.add(backfill());
            steps.add(validateNotNullCheck());
            steps.add(copyIndexes());
            steps.add(keys.copy());
        }
        steps.add(keys.move());
        steps.add(new ColumnSwap(table, oldColumn, newColumn, lastName(), newType, trigger, check(), this::oldDropped).step());
        steps.add(dropFunction());
        if (finalName != null) {
            steps.add(renameCopy()); // normally done with the drop; here for a contract that stopped in between on an older run
        }
        steps.add(setNotNull());
        steps.add(ShortLockDdl.dropConstraint(Phase.CONTRACT, table, check()));
        steps.add(finalNames());
        return new Operation(label, this::prepare, steps);
    }

    // ---- names and state ------------------------------------------------------------------------------------------------

    private String check() {
        return DerivedNames.notNullCheck(table.name(), newColumn);
    }

    /** The comment on the new column while the copy is under way: tells it from a column of the same name. */
    private String marker() {
        return "zdm:copy of " + oldColumn;
    }

    private QualifiedName function(Catalog.Table t) {
        return new QualifiedName(t == null ? table.schema() : t.schema(), trigger);
    }

    /** The column the application reads after contract. */
    private String lastName() {
        return finalName == null ? newColumn : finalName;
    }

    /** The old column is gone (the contract dropped it): from then on every expand step counts as done. */
    private boolean oldDropped(Catalog c) throws SQLException {
        Optional<Catalog.Table> t = c.table(table);
        if (t.isEmpty()) {
            return false;
        }
        ColumnFacts f = new ColumnFacts(c);
        if (finalName == null) {
            return f.column(t.get().oid(), oldColumn).isEmpty() && f.column(t.get().oid(), newColumn).isPresent();
        }
        if (f.column(t.get().oid(), newColumn).isPresent()) {
            return f.column(t.get().oid(), oldColumn).isEmpty();
        }
        Optional<ColumnFacts.ColumnInfo> col = f.column(t.get().oid(), oldColumn);
        return col.isPresent() && col.get().typeOid() == f.typeOid(newType) && !f.triggerExists(t.get().oid(), trigger);
    }

    private ColumnFacts.ColumnInfo requireOld(DdlSession s, Catalog.Table t) throws SQLException {
        return new ColumnFacts(s.catalog).column(t.oid(), oldColumn).orElseThrow(() -> new DdlException(label + ": column "
                + Identifiers.quote(oldColumn) + " of " + t.qualified() + " does not exist. Check the name (case-sensitive)."));
    }

    /** Refuses, before anything changes, what the copy cannot carry over; true when the catalog shows it finished. */
    private boolean prepare(DdlSession s) throws SQLException {
        Catalog.Table t = s.catalog.requireTable(table);
        ColumnFacts f = new ColumnFacts(s.catalog);
        if (oldDropped(s.catalog)) {
            return false;
        }
        ColumnFacts.ColumnInfo old = requireOld(s, t);
        Optional<ColumnFacts.ColumnInfo> existing = f.column(t.oid(), newColumn);
        if (existing.isPresent() && !marker().equals(f.columnComment(t.oid(), existing.get().attnum()))) {
            throw new DdlException(label + ": " + t.qualified() + " already has a column " + Identifiers.quote(newColumn)
                    + " that this operation did not add. Choose another name or drop that column first.");
        }
        if (newType != null && f.typeOid(newType) == 0) {
            throw new DdlException(label + ": type " + newType + " does not exist (to_regtype gives NULL).");
        }
        List<String> blockers = new ArrayList<>();
        if (old.generated()) {
            blockers.add("the column is a generated column");
        }
        blockers.addAll(f.blockers(t.oid(), oldColumn, old.attnum(), trigger));
        if (!blockers.isEmpty()) {
            throw new DdlException(label + ": refused before changing anything: these objects use column " + Identifiers.quote(oldColumn)
                    + " of " + t.qualified() + " and would be dropped with it or keep reading the old column:\n  - "
                    + String.join("\n  - ", blockers)
                    + "\nWhat to do: drop them in a migration before this one (views: CREATE OR REPLACE them without the column, or "
                    + "DROP VIEW), run this operation, then recreate them on " + Identifiers.quote(lastName())
                    + " after its contract. Expression or partial indexes, exclusion constraints, foreign keys of partitioned tables: "
                    + "add them again on the new column with ops.createIndex / ops.addForeignKey once the contract ran. Partitioned "
                    + "tables are not supported yet.");
        }
        return false;
    }

    // ---- expand -------------------------------------------------------------------------------------------------------

    private String columnType(ColumnFacts.ColumnInfo old) {
        return newType != null ? newType : old.type();
    }

    private Step addColumn() {
        Step add = Step.of(Phase.EXPAND, "add the new column", style -> "ALTER TABLE " + style.table(table) + " ADD COLUMN "
                        + style.id(newColumn) + " " + (newType == null ? "<type of " + oldColumn + ">" : newType),
                LockLevel.ACCESS_EXCLUSIVE, true, List.of(table),
                c -> oldDropped(c) || new ColumnFacts(c).column(c.requireTable(table).oid(), newColumn).isPresent(),
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    ColumnFacts.ColumnInfo old = requireOld(s, t);
                    String collate = old.collation() != null && newType == null ? " COLLATE " + old.collation() : "";
                    // one statement string, one transaction: the column never exists without its marker
                    ShortLockDdl.run(s, "ALTER TABLE " + t.qualified().quoted() + " ADD COLUMN " + Identifiers.quote(newColumn)
                            + " " + columnType(old) + collate + "; COMMENT ON COLUMN " + t.qualified().quoted() + "." + Identifiers.quote(newColumn)
                            + " IS " + literal(marker()), t.oid());
                });
        Step drop = Step.of(Phase.EXPAND, "drop the new column", style -> "ALTER TABLE " + style.table(table) + " DROP COLUMN IF EXISTS "
                        + style.id(newColumn), LockLevel.ACCESS_EXCLUSIVE, true, List.of(table),
                c -> oldDropped(c) || c.table(table).isEmpty() || new ColumnFacts(c).column(c.requireTable(table).oid(), newColumn).isEmpty(),
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    ShortLockDdl.run(s, "ALTER TABLE " + t.qualified().quoted() + " DROP COLUMN IF EXISTS " + Identifiers.quote(newColumn), t.oid());
                });
        return add.undoneBy(drop);
    }

    private boolean oldNotNull(Catalog c) throws SQLException {
        Catalog.Table t = c.requireTable(table);
        return new ColumnFacts(c).column(t.oid(), oldColumn).map(ColumnFacts.ColumnInfo::notNull).orElse(false);
    }

    private Step addNotNullCheck() {
        return Step.of(Phase.EXPAND, "add CHECK (new column IS NOT NULL) NOT VALID where the old one is NOT NULL",
                style -> "ALTER TABLE " + style.table(table) + " ADD CONSTRAINT " + style.id(check()) + " CHECK (" + style.id(newColumn)
                        + " IS NOT NULL) NOT VALID", LockLevel.ACCESS_EXCLUSIVE, true, List.of(table),
                c -> oldDropped(c) || !oldNotNull(c) || c.constraint(c.requireTable(table).oid(), check()).isPresent(),
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    ShortLockDdl.run(s, "ALTER TABLE " + t.qualified().quoted() + " ADD CONSTRAINT " + Identifiers.quote(check()) + " CHECK ("
                            + Identifiers.quote(newColumn) + " IS NOT NULL) NOT VALID", t.oid());
                });
    }

    private SyncTrigger.Spec triggerSpec(SqlStyle style, Catalog.Table t, String oldType) {
        return new SyncTrigger.Spec(function(t), oldColumn, newColumn, oldType, newType == null ? oldType : newType, upVar, upExpr, downVar,
                downExpr);
    }

    private Step installTrigger() {
        Step install = Step.of(Phase.EXPAND, "install the sync trigger (old and new column kept equal)",
                style -> SyncTrigger.createFunctionSql(style, triggerSpec(style, null, "<type of " + oldColumn + ">")) + ";\n"
                        + SyncTrigger.createTriggerSql(style, table, trigger, function(null)),
                LockLevel.SHARE_ROW_EXCLUSIVE, true, List.of(table),
                c -> oldDropped(c) || new ColumnFacts(c).triggerExists(c.requireTable(table).oid(), trigger),
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    ColumnFacts.ColumnInfo old = requireOld(s, t);
                    String sql = SyncTrigger.createFunctionSql(SqlStyle.QUOTED, triggerSpec(SqlStyle.QUOTED, t, old.type()));
                    s.reporter.info("running " + sql);
                    try (Statement st = s.connection.createStatement()) {
                        st.execute(sql);
                    }
                    ShortLockDdl.run(s, SyncTrigger.createTriggerSql(SqlStyle.QUOTED, t.qualified(), trigger, function(t)), t.oid());
                });
        Step remove = Step.of(Phase.EXPAND, "drop the sync trigger and its function",
                style -> SyncTrigger.dropTriggerSql(style, table, trigger) + "; " + SyncTrigger.dropFunctionSql(style, function(null)),
                LockLevel.ACCESS_EXCLUSIVE, true, List.of(table),
                c -> {
                    Optional<Catalog.Table> t = c.table(table);
                    return oldDropped(c) || t.isEmpty() || (!new ColumnFacts(c).triggerExists(t.get().oid(), trigger)
                            && !new ColumnFacts(c).functionExists(t.get().schema(), trigger));
                },
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    ShortLockDdl.run(s, SyncTrigger.dropTriggerSql(SqlStyle.QUOTED, t.qualified(), trigger), t.oid());
                    ShortLockDdl.run(s, SyncTrigger.dropFunctionSql(SqlStyle.QUOTED, function(t)), t.oid());
                });
        return install.undoneBy(remove);
    }

    private String differs() {
        return Identifiers.quote(newColumn) + " IS DISTINCT FROM (" + upExpr + ")";
    }

    /** The backfill's id in zdm_backfill_progress: one per copy. */
    String backfillId() {
        return "zdm-copy " + table + "." + oldColumn + " -> " + newColumn;
    }

    private Step backfill() {
        return Step.of(Phase.EXPAND, "backfill the new column in batches",
                style -> "UPDATE " + style.table(table) + " SET " + style.id(newColumn) + " = (" + upExpr + ") WHERE " + differs()
                        + " (keyset batches through the backfill engine)",
                LockLevel.ROW_EXCLUSIVE, false, List.of(table),
                c -> oldDropped(c) || !new ColumnFacts(c).anyRowDiffers(c.requireTable(table).qualified(), differs()),
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    String schema = new ColumnFacts(s.catalog).currentSchema();
                    new BackfillExecutor(s.connection, schema, BackfillDefaults.standard().withLockTimeout(s.options.lockTimeout()))
                            .run(backfillId(), backfillDefinition(t));
                });
    }

    private Step validateNotNullCheck() {
        return Step.of(Phase.EXPAND, "validate the NOT NULL CHECK", style -> NotValidThenValidate.validateSql(style, table, check()),
                LockLevel.SHARE_UPDATE_EXCLUSIVE, false, List.of(table),
                c -> oldDropped(c) || c.constraint(c.requireTable(table).oid(), check()).map(Catalog.Constraint::validated).orElse(true),
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    NotValidThenValidate.validate(s, t, check(), "23514", "fill the NULLs of " + Identifiers.quote(newColumn)
                            + " (the backfill should have: check that the sync trigger is installed)");
                });
    }

    private String copyName(String index) {
        return DerivedNames.derivedName(index, "zdm");
    }

    private String indexDefinition(ColumnFacts.IndexInfo index) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < index.keyColumns().size(); i++) {
            String col = index.keyColumns().get(i);
            int option = index.options().get(i);
            boolean desc = (option & 1) != 0;
            boolean nullsFirst = (option & 2) != 0;
            keys.add(Identifiers.quote(col.equals(oldColumn) ? newColumn : col) + (desc ? " DESC" : "")
                    + (nullsFirst && !desc ? " NULLS FIRST" : "") + (!nullsFirst && desc ? " NULLS LAST" : ""));
        }
        String include = index.includeColumns().isEmpty() ? "" : " INCLUDE (" + Identifiers.quoteAll(
                index.includeColumns().stream().map(c -> c.equals(oldColumn) ? newColumn : c).toList()) + ")";
        return "USING " + index.method() + " (" + String.join(", ", keys) + ")" + include;
    }

    /** The column's indexes to rebuild on the new column: the plain ones and the primary key's (a unique index until the swap). */
    private static List<ColumnFacts.IndexInfo> indexesToCopy(ColumnFacts f, Catalog.Table t, int attnum) throws SQLException {
        List<ColumnFacts.IndexInfo> out = new ArrayList<>(f.indexes(t.oid(), attnum));
        f.primaryKeyIndex(t.oid(), attnum).ifPresent(out::add);
        return out;
    }

    /** The name a copy takes: the index's, or for the primary key's index the constraint's (USING INDEX renames it so). */
    private static String finalIndexName(Catalog c, Catalog.Table t, ColumnFacts.IndexInfo index) throws SQLException {
        return c.primaryKey(t.oid()).filter(k -> k.indexOid() == index.oid()).map(Catalog.Constraint::name).orElse(index.name());
    }

    private boolean copiesDone(Catalog c) throws SQLException {
        Catalog.Table t = c.requireTable(table);
        ColumnFacts f = new ColumnFacts(c);
        Optional<ColumnFacts.ColumnInfo> old = f.column(t.oid(), oldColumn);
        if (old.isEmpty()) {
            return true;
        }
        List<ColumnFacts.Tagged> tagged = f.tagged(t.oid());
        for (ColumnFacts.IndexInfo index : indexesToCopy(f, t, old.get().attnum())) {
            String copy = copyName(index.name());
            boolean ok = CreateIndexConcurrently.validIndex(c, t.qualified(), copy)
                    && tagged.stream().anyMatch(g -> g.name().equals(copy) && (!index.constraint() || g.constraint()));
            if (!ok) {
                return false;
            }
        }
        List<ColumnFacts.Tagged> taggedConstraints = f.taggedConstraints(t.oid());
        for (ColumnFacts.ConstraintInfo con : f.constraints(t.oid(), old.get().attnum())) {
            String copy = copyName(con.name());
            boolean ok = c.constraint(t.oid(), copy).map(Catalog.Constraint::validated).orElse(false)
                    && taggedConstraints.stream().anyMatch(g -> g.name().equals(copy));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A CHECK or foreign key of the old column added on the new one NOT VALID, marked with its final name, validated. */
    private void copyConstraint(DdlSession s, Catalog.Table t, ColumnFacts.ConstraintInfo con) throws SQLException {
        String copy = copyName(con.name());
        if (s.catalog.constraint(t.oid(), copy).isEmpty()) {
            String definition = con.type() == 'f' ? ColumnReferences.foreignKey(con.definition(), con.columns(), oldColumn, newColumn)
                    : ColumnReferences.check(con.definition(), oldColumn, newColumn);
            String sql = "ALTER TABLE " + t.qualified().quoted() + " ADD CONSTRAINT " + Identifiers.quote(copy) + " " + definition
                    + (definition.endsWith("NOT VALID") ? "" : " NOT VALID");
            if (con.type() == 'f' && con.referencedOid() != t.oid()) {
                ShortLockDdl.run(s, sql, t.oid(), con.referencedOid());
            } else {
                ShortLockDdl.run(s, sql, t.oid());
            }
        }
        try (Statement st = s.connection.createStatement()) {
            st.execute("COMMENT ON CONSTRAINT " + Identifiers.quote(copy) + " ON " + t.qualified().quoted() + " IS "
                    + literal(ColumnFacts.FINAL_NAME + con.name()));
        }
        if (!s.catalog.constraint(t.oid(), copy).orElseThrow().validated()) {
            NotValidThenValidate.validate(s, t, copy, con.type() == 'f' ? "23503" : "23514", "the rows of " + Identifiers.quote(newColumn)
                    + " that fail it fail " + Identifiers.quote(con.name()) + " on " + Identifiers.quote(oldColumn)
                    + " too (is the original NOT VALID?): fix them");
        }
    }

    private Step copyIndexes() {
        return Step.of(Phase.EXPAND, "build copies of the column's indexes, unique constraints, CHECKs and foreign keys on the new column",
                style -> "CREATE [UNIQUE] INDEX CONCURRENTLY <index>_zdm ON " + style.table(table) + " (... " + style.id(newColumn)
                        + " ...) for each index on " + style.id(oldColumn) + "; unique constraints: ADD CONSTRAINT <name>_zdm UNIQUE USING INDEX; "
                        + "CHECKs and foreign keys: ADD CONSTRAINT <name>_zdm ... NOT VALID, VALIDATE CONSTRAINT",
                LockLevel.SHARE_UPDATE_EXCLUSIVE, false, List.of(table),
                c -> oldDropped(c) || copiesDone(c),
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    ColumnFacts f = new ColumnFacts(s.catalog);
                    for (ColumnFacts.IndexInfo index : indexesToCopy(f, t, requireOld(s, t).attnum())) {
                        String copy = copyName(index.name());
                        new CreateIndexConcurrently(new IndexSpec(t.qualified(), copy, index.unique(), true, indexDefinition(index))).apply(s);
                        QualifiedName copyName = new QualifiedName(t.schema(), copy);
                        try (Statement st = s.connection.createStatement()) {
                            st.execute("COMMENT ON INDEX " + copyName.quoted() + " IS " + literal(ColumnFacts.FINAL_NAME + finalIndexName(s.catalog, t, index)));
                        }
                        if (index.constraint() && s.catalog.constraint(t.oid(), copy).isEmpty()) {
                            ShortLockDdl.run(s, "ALTER TABLE " + t.qualified().quoted() + " ADD CONSTRAINT " + Identifiers.quote(copy)
                                    + " UNIQUE USING INDEX " + Identifiers.quote(copy), t.oid());
                        }
                    }
                    for (ColumnFacts.ConstraintInfo con : f.constraints(t.oid(), requireOld(s, t).attnum())) {
                        copyConstraint(s, t, con);
                    }
                });
    }

    /** A string literal: the final names are catalog names, so this is the one value not bound (COMMENT takes no parameter). */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    // ---- contract -----------------------------------------------------------------------------------------------------

    private Step dropFunction() {
        return Step.of(Phase.CONTRACT, "drop the sync function", style -> SyncTrigger.dropFunctionSql(style, function(null)),
                LockLevel.ACCESS_SHARE, true, List.of(),
                c -> c.table(table).map(t -> {
                    try {
                        return !new ColumnFacts(c).functionExists(t.schema(), trigger);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }).orElse(true),
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    ShortLockDdl.run(s, SyncTrigger.dropFunctionSql(SqlStyle.QUOTED, function(t)), t.oid());
                });
    }

    private Step renameCopy() {
        return Step.of(Phase.CONTRACT, "give the new column the column's name",
                style -> "ALTER TABLE " + style.table(table) + " RENAME COLUMN " + style.id(newColumn) + " TO " + style.id(finalName),
                LockLevel.ACCESS_EXCLUSIVE, true, List.of(table),
                c -> new ColumnFacts(c).column(c.requireTable(table).oid(), newColumn).isEmpty(),
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    ShortLockDdl.run(s, "ALTER TABLE " + t.qualified().quoted() + " RENAME COLUMN " + Identifiers.quote(newColumn) + " TO "
                            + Identifiers.quote(finalName), t.oid());
                });
    }

    private Step setNotNull() {
        return Step.of(Phase.CONTRACT, "SET NOT NULL (no scan: the validated CHECK proves it)",
                style -> SetNotNullViaValidatedCheck.setNotNullSql(style, table, lastName()), LockLevel.ACCESS_EXCLUSIVE, true, List.of(table),
                c -> {
                    Catalog.Table t = c.requireTable(table);
                    return c.constraint(t.oid(), check()).isEmpty()
                            || new ColumnFacts(c).column(t.oid(), lastName()).map(ColumnFacts.ColumnInfo::notNull).orElse(false);
                },
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    ShortLockDdl.run(s, SetNotNullViaValidatedCheck.setNotNullSql(SqlStyle.QUOTED, t.qualified(), lastName()), t.oid());
                });
    }

    private Step finalNames() {
        return Step.of(Phase.CONTRACT, "give the index and constraint copies their final names",
                style -> "ALTER INDEX <index>_zdm RENAME TO <index> / ALTER TABLE " + style.table(table)
                        + " RENAME CONSTRAINT <name>_zdm TO <name>", LockLevel.ACCESS_EXCLUSIVE, true, List.of(table),
                c -> {
                    Catalog.Table t = c.requireTable(table);
                    ColumnFacts f = new ColumnFacts(c);
                    Optional<ColumnFacts.ColumnInfo> col = f.column(t.oid(), lastName());
                    return f.tagged(t.oid()).isEmpty() && f.taggedConstraints(t.oid()).isEmpty() && (col.isEmpty() || f.columnComment(t.oid(), col.get().attnum()) == null
                            || !f.columnComment(t.oid(), col.get().attnum()).startsWith("zdm:copy of "));
                },
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    try (Statement st = s.connection.createStatement()) {
                        st.execute("COMMENT ON COLUMN " + t.qualified().quoted() + "." + Identifiers.quote(lastName()) + " IS NULL");
                    }
                    for (ColumnFacts.Tagged g : new ColumnFacts(s.catalog).taggedConstraints(t.oid())) {
                        if (!g.name().equals(g.finalName())) {
                            ShortLockDdl.run(s, "ALTER TABLE " + t.qualified().quoted() + " RENAME CONSTRAINT " + Identifiers.quote(g.name())
                                    + " TO " + Identifiers.quote(g.finalName()), t.oid());
                        }
                        try (Statement st = s.connection.createStatement()) {
                            st.execute("COMMENT ON CONSTRAINT " + Identifiers.quote(g.finalName()) + " ON " + t.qualified().quoted() + " IS NULL");
                        }
                    }
                    for (ColumnFacts.Tagged g : new ColumnFacts(s.catalog).tagged(t.oid())) {
                        QualifiedName index = new QualifiedName(t.schema(), g.name());
                        if (!g.name().equals(g.finalName())) {
                            ShortLockDdl.run(s, g.constraint()
                                    ? "ALTER TABLE " + t.qualified().quoted() + " RENAME CONSTRAINT " + Identifiers.quote(g.name()) + " TO "
                                            + Identifiers.quote(g.finalName())
                                    : "ALTER INDEX " + index.quoted() + " RENAME TO " + Identifiers.quote(g.finalName()), t.oid());
                            index = new QualifiedName(t.schema(), g.finalName());
                        }
                        try (Statement st = s.connection.createStatement()) {
                            st.execute("COMMENT ON INDEX " + index.quoted() + " IS NULL");
                        }
                    }
                });
    }

    // ---- background backfill ----------------------------------------------------------------------------------------------

    private Backfill backfillDefinition(Catalog.Table t) {
        return Backfill.table(t.name()).schema(t.schema()).set(Identifiers.quote(newColumn) + " = (" + upExpr + ")").where(differs());
    }

    /**
     * The backfill as a background job: the expand records it (the migration returns at once; a runner, {@code zdm:backfill}
     * or a {@code ZdmBackfillWorker}, walks the table), its undo removes it; the contract's first step requires it done
     * ({@code zdm:contract} refuses before that while any background job is unfinished).
     */
    private List<Step> backgroundBackfill() {
        Step enqueue = Step.of(Phase.EXPAND, "record the backfill of the new column as a background job",
                style -> "INSERT INTO zdm_backfill_progress (queued job " + backfillId() + ": UPDATE " + style.table(table) + " SET "
                        + style.id(newColumn) + " = (" + upExpr + ") WHERE " + differs() + ")",
                LockLevel.ROW_EXCLUSIVE, true, List.of(table),
                c -> oldDropped(c) || jobRecorded(c) || !new ColumnFacts(c).anyRowDiffers(c.requireTable(table).qualified(), differs()),
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    String schema = new ColumnFacts(s.catalog).currentSchema();
                    new BackfillExecutor(s.connection, schema, BackfillDefaults.standard().withLockTimeout(s.options.lockTimeout()))
                            .enqueue(backfillId(), backfillDefinition(t));
                });
        Step forget = Step.of(Phase.EXPAND, "remove the background backfill job",
                style -> "DELETE FROM zdm_backfill_progress WHERE backfill_id = '" + backfillId() + "' (its runner stopped first)",
                LockLevel.ROW_EXCLUSIVE, true, List.of(table),
                c -> oldDropped(c) || !jobRecorded(c),
                s -> dev.zdm.core.backfill.BackfillJobs.forget(s.connection, new ColumnFacts(s.catalog).currentSchema(), backfillId(),
                        java.time.Duration.ofMinutes(1)));
        Step await = Step.of(Phase.CONTRACT, "require the background backfill job done",
                style -> "-- the job " + backfillId() + " is done (zdm:status shows its progress; zdm:backfill runs it)",
                LockLevel.ACCESS_SHARE, true, List.of(table),
                c -> oldDropped(c) || jobDone(c),
                s -> {
                    Catalog.Table t = s.catalog.requireTable(table);
                    String schema = new ColumnFacts(s.catalog).currentSchema();
                    Optional<dev.zdm.core.backfill.BackfillJob> job = dev.zdm.core.backfill.BackfillJobs.find(s.connection, schema, backfillId());
                    if (job.isPresent() && job.get().background() && !job.get().done()) {
                        throw new DdlException(label + ": the background backfill " + backfillId() + " is not done: " + job.get().progress()
                                + ". Nothing of the contract ran. Let a runner finish it (mvn zdm:backfill, or the application's"
                                + " ZdmBackfillWorker; mvn zdm:status shows it), then run zdm:contract again.");
                    }
                    // no job (removed by hand) or one that ran in the foreground: finish the copy here
                    new BackfillExecutor(s.connection, schema, BackfillDefaults.standard().withLockTimeout(s.options.lockTimeout()))
                            .run(backfillId(), backfillDefinition(t));
                });
        return List.of(enqueue.undoneBy(forget), await);
    }

    private boolean jobRecorded(Catalog c) throws SQLException {
        return dev.zdm.core.backfill.BackfillJobs.find(c.connection(), new ColumnFacts(c).currentSchema(), backfillId()).isPresent();
    }

    /** The job is done, or there is none and no row needs the copy. */
    private boolean jobDone(Catalog c) throws SQLException {
        Optional<dev.zdm.core.backfill.BackfillJob> job = dev.zdm.core.backfill.BackfillJobs.find(c.connection(),
                new ColumnFacts(c).currentSchema(), backfillId());
        return job.isPresent() ? job.get().done() : !new ColumnFacts(c).anyRowDiffers(c.requireTable(table).qualified(), differs());
    }
}
