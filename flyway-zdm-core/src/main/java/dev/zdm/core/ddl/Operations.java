package dev.zdm.core.ddl;

import dev.zdm.core.sql.FragmentCheck;
import java.util.List;

/**
 * The safe DDL operations, built for one server version (the way to SET NOT NULL depends on it). Each returns an
 * {@link Operation} whose steps can be run, described or planned without a connection ({@link Operation#plan}): lint
 * fixes print those plans, so a fix and the operation always agree. For the phases engine and the lint fixes;
 * applications call {@link SafeDdl}.
 */
public final class Operations {
    private final int serverVersionNum;
    /** false: a background backfill asked for runs in the expand (a fresh database runs every step at once). */
    private final boolean background;

    private Operations(int serverVersionNum, boolean background) {
        this.serverVersionNum = serverVersionNum;
        this.background = background;
    }

    /**
     * The same operations, with every backfill run in place even where a background job was asked for: for a run of every
     * step at once (a fresh database), where nobody would run the job before the contract steps need it.
     */
    public Operations withoutBackgroundBackfills() {
        return new Operations(serverVersionNum, false);
    }

    /** {@code serverVersionNum} as {@code server_version_num} reads, e.g. 150020; a major version alone (15) also works. */
    public static Operations forServer(int serverVersionNum) {
        return new Operations(serverVersionNum < 1000 ? serverVersionNum * 10000 : serverVersionNum, true);
    }

    int serverVersionNum() {
        return serverVersionNum;
    }

    /** {@code CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS}; partition by partition on a partitioned table. */
    public Operation createIndex(IndexDefinition index) {
        return CreateIndexConcurrently.operation(index.toSpec());
    }

    /** An index on a partitioned table: parent ON ONLY, each partition concurrently, attached. */
    public Operation createPartitionedIndex(IndexDefinition index) {
        return CreatePartitionedIndex.operation(index.toSpec());
    }

    /** {@code DROP INDEX CONCURRENTLY IF EXISTS}. */
    public Operation dropIndex(QualifiedName index) {
        return DropIndexConcurrently.operation(index, true);
    }

    /** {@code REINDEX INDEX CONCURRENTLY}. */
    public Operation reindexIndex(QualifiedName index) {
        return ReindexConcurrently.index(index).operation();
    }

    /** {@code REINDEX TABLE CONCURRENTLY}. */
    public Operation reindexTable(QualifiedName table) {
        return ReindexConcurrently.table(table).operation();
    }

    /** {@code ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID}, then {@code VALIDATE CONSTRAINT}. */
    public Operation addForeignKey(ForeignKeyDefinition foreignKey) {
        return AddForeignKeyNotValidThenValidate.operation(foreignKey);
    }

    /** {@code ADD CONSTRAINT name CHECK (expression) NOT VALID}, then {@code VALIDATE CONSTRAINT}; {@code expression} is SQL. */
    public Operation addCheck(QualifiedName table, String name, String expression) {
        FragmentCheck.require("addCheck", expression);
        return AddCheckNotValidThenValidate.operation(table, name, expression.strip());
    }

    /** A unique index built concurrently, then {@code ADD CONSTRAINT ... UNIQUE USING INDEX}; null name: {@code <table>_<columns>_key}. */
    public Operation addUnique(QualifiedName table, String name, List<String> columns) {
        return AddUniqueUsingConcurrentIndex.operation(serverVersionNum, table, name, columns, false);
    }

    /** Safe NOT NULL on the columns, a unique index built concurrently, then {@code PRIMARY KEY USING INDEX}; null name: {@code <table>_pkey}. */
    public Operation addPrimaryKey(QualifiedName table, String name, List<String> columns) {
        return AddUniqueUsingConcurrentIndex.operation(serverVersionNum, table, name, columns, true);
    }

    /** SET NOT NULL without a scan under ACCESS EXCLUSIVE: NOT NULL NOT VALID on 18+, a validated CHECK on 12-17. */
    public Operation setNotNull(QualifiedName table, String column) {
        return SetNotNull.forServer(serverVersionNum, table, column);
    }

    /**
     * Renames {@code from} to {@code to} while both application versions run: expand adds {@code to} with a sync trigger,
     * a batched backfill and copies of the column's indexes and unique constraints; contract drops {@code from} and the
     * trigger. Steps and rules: {@link ColumnCopy}, {@link SyncTrigger}.
     */
    public Operation renameColumn(QualifiedName table, String from, String to) {
        return renameColumn(table, from, to, false);
    }

    /**
     * {@link #renameColumn(QualifiedName, String, String)}; with {@code backgroundBackfill} the backfill of the new column
     * is recorded as a background job (run by {@code zdm:backfill} or a {@code ZdmBackfillWorker}) instead of running in
     * the expand, and the rest of the copy (validation, index copies) waits for it at the start of the contract.
     */
    public Operation renameColumn(QualifiedName table, String from, String to, boolean backgroundBackfill) {
        requireColumnName(from, "from");
        requireColumnName(to, "to");
        if (from.equals(to)) {
            throw new IllegalArgumentException("renameColumn: from and to are the same name: " + from);
        }
        return new ColumnCopy("rename column " + table + "." + from + " to " + to, table, from, to, null, from,
                dev.zdm.core.sql.Identifiers.quote(from), to, dev.zdm.core.sql.Identifiers.quote(to), null).background(backgroundBackfill && background)
                .operation();
    }

    /**
     * Changes the type of {@code column} to {@code newType} through a shadow column {@code <column>_zdm_new}: {@code using}
     * converts an old value (SQL naming the column, e.g. {@code amount::numeric / 100}; null: a plain cast), {@code inverse}
     * converts a new value back (SQL naming the column; null: none, so writes of the new column do not reach the old one).
     * Contract drops the old column and gives the shadow the column's name.
     */
    public Operation changeType(QualifiedName table, String column, String newType, String using, String inverse) {
        return changeType(table, column, newType, using, inverse, false);
    }

    /** {@link #changeType(QualifiedName, String, String, String, String)}, the backfill as a background job when asked (see {@link #renameColumn(QualifiedName, String, String, boolean)}). */
    public Operation changeType(QualifiedName table, String column, String newType, String using, String inverse,
                                boolean backgroundBackfill) {
        requireColumnName(column, "column");
        String type = FragmentCheck.require("changeType", newType);
        String up = using == null ? dev.zdm.core.sql.Identifiers.quote(column) + "::" + type : FragmentCheck.require("changeType", using);
        String down = inverse == null ? null : FragmentCheck.require("changeType", inverse);
        String shadow = DerivedNames.derivedName(column, "zdm_new");
        return new ColumnCopy("change type of " + table + "." + column + " to " + type, table, column, shadow, type, column, up, column,
                down, column).background(backgroundBackfill && background).operation();
    }

    private static void requireColumnName(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("column name " + what + " is empty");
        }
    }
}
