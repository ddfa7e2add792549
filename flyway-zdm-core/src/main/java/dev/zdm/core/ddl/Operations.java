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

    private Operations(int serverVersionNum) {
        this.serverVersionNum = serverVersionNum;
    }

    /** {@code serverVersionNum} as {@code server_version_num} reads, e.g. 150020; a major version alone (15) also works. */
    public static Operations forServer(int serverVersionNum) {
        return new Operations(serverVersionNum < 1000 ? serverVersionNum * 10000 : serverVersionNum);
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
}
