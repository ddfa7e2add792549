package dev.zdm.core.sql;

import java.util.List;

/** The parsed content of the statement kinds the analyzer judges; see {@link StatementModel#detail()}. */
public sealed interface StatementDetail {

    /**
     * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] table ...}.
     *
     * @param definition everything after the table name as written ({@code USING gin (tags) INCLUDE (id) WITH (...)
     *                   TABLESPACE ... WHERE ...}), or null when it does not start with {@code (} or {@code USING}
     * @param exact      the statement follows PostgreSQL's grammar for its form (for CREATE INDEX up to the definition,
     *                   which is kept as written; for DROP and REINDEX to the end), and every name in it is read with
     *                   certainty: a quoted identifier or a word that is not a key word of the statement, never a
     *                   placeholder or a {@code U&"..."} name, schema-qualified only where allowed. Code that runs the
     *                   statement rebuilt from its detail relies on this; when false, run it as written
     */
    record CreateIndex(RelationName index, RelationName table, boolean unique, boolean concurrently,
                       boolean ifNotExists, boolean only, List<String> columns, String definition, boolean exact)
            implements StatementDetail {
    }

    /**
     * {@code DROP <objectType> [CONCURRENTLY] [IF EXISTS] names [CASCADE | RESTRICT]}.
     *
     * @param exact as for {@link CreateIndex#exact()}
     */
    record Drop(String objectType, List<RelationName> names, boolean concurrently, boolean ifExists, boolean cascade,
                boolean exact) implements StatementDetail {
    }

    /**
     * {@code REINDEX [(options)] INDEX|TABLE|SCHEMA|DATABASE|SYSTEM [CONCURRENTLY] name}; {@code concurrently} also
     * for the option-list form {@code REINDEX (CONCURRENTLY) TABLE t}.
     *
     * @param exact as for {@link CreateIndex#exact()}
     */
    record Reindex(String target, RelationName name, boolean concurrently, boolean exact) implements StatementDetail {
    }

    record AlterTable(RelationName table, boolean ifExists, List<AlterAction> actions) implements StatementDetail {
    }

    /**
     * {@code ALTER INDEX name ...}: {@code ATTACH PARTITION}, {@code RENAME TO} (then {@code renamedTo} is the new
     * name, folded), {@code SET TABLESPACE}, ...
     */
    record AlterIndex(RelationName index, String action, RelationName attached, String renamedTo) implements StatementDetail {
    }

    record CreateTable(RelationName table, boolean ifNotExists, List<ColumnDefinition> columns,
                       List<ConstraintDefinition> constraints, RelationName partitionOf) implements StatementDetail {
    }

    /** UPDATE or DELETE: the table and the WHERE clause as written (null when there is none). */
    record DataChange(RelationName table, String where) implements StatementDetail {
    }

    record Truncate(List<RelationName> tables) implements StatementDetail {
    }

    record LockTable(List<RelationName> tables, LockLevel mode) implements StatementDetail {
    }

    record RefreshMaterializedView(RelationName view, boolean concurrently, boolean withNoData) implements StatementDetail {
    }

    /** {@code ALTER TYPE t ADD VALUE 'v'}. */
    record AddEnumValue(RelationName type, String value) implements StatementDetail {
    }

    record AlterDomainAddConstraint(RelationName domain, String constraint, boolean notValid) implements StatementDetail {
    }

    /** BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, SAVEPOINT, ... : the first word(s). */
    record TransactionControl(String command) implements StatementDetail {
    }

    /** CLUSTER or VACUUM FULL of the tables named (empty: the whole database). */
    record Rewrite(String command, List<RelationName> tables) implements StatementDetail {
    }

    /**
     * PostgreSQL 19's {@code REPACK [(options)] [table [(columns)]] [USING INDEX [index]]}: VACUUM FULL when there is no
     * USING INDEX, CLUSTER when there is ({@code index} null: the table's clustered index).
     *
     * @param table        the table, or null for every table of the database
     * @param concurrently {@code (CONCURRENTLY)}: reads and writes go on, ACCESS EXCLUSIVE only for the final swap
     */
    record Repack(RelationName table, boolean usingIndex, RelationName index, boolean concurrently) implements StatementDetail {
    }

    /** {@code SET [LOCAL|SESSION] name = value} or {@code RESET name}. */
    record SetParameter(String name, String value, boolean local) implements StatementDetail {
    }

    record DropDatabase(String name) implements StatementDetail {
    }

    /** Nothing more to say about the statement. */
    record None() implements StatementDetail {
    }
}
