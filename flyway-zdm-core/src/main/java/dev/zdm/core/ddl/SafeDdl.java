package dev.zdm.core.ddl;

import dev.zdm.core.lock.ConnectionSource;
import dev.zdm.core.sql.FragmentCheck;
import dev.zdm.core.sql.Identifiers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Schema changes that never hold a strong lock for longer than an instant, each safe to run again after a crash
 * at any step. Runs on one JDBC connection in autocommit mode (each step commits on its own), with a second
 * connection from {@link ConnectionSource} to watch and, if needed, cancel long waits.
 * <pre>
 * SafeDdl ddl = SafeDdl.on(connection, ConnectionSource.of(dataSource), DdlOptions.defaults());
 * ddl.execute("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key ON users (email)");
 * ddl.addForeignKey(ForeignKeyDefinition.from("orders", "user_id").references("users", "id"));
 * ddl.setNotNull(QualifiedName.of("users"), "email");
 * </pre>
 * Each method runs every step of one {@link Operation} (expand, then contract; see {@link OperationRunner} for one phase
 * or a rollback). What each operation does and which locks it takes: {@code docs/safe-ddl.md}.
 */
public final class SafeDdl {
    private final DdlSession session;

    private SafeDdl(DdlSession session) {
        this.session = session;
    }

    /** Operations on {@code connection}, reporting through SLF4J (logger {@code dev.zdm.core.ddl}). */
    public static SafeDdl on(Connection connection, ConnectionSource observers, DdlOptions options) throws SQLException {
        return new SafeDdl(new DdlSession(connection, observers, options, DdlReporter.SLF4J));
    }

    static SafeDdl on(Connection connection, ConnectionSource observers, DdlOptions options, DdlReporter reporter) throws SQLException {
        return new SafeDdl(new DdlSession(connection, observers, options, reporter));
    }

    /**
     * Runs a concurrent index statement of a SQL migration with every safety of this class: invalid leftovers dropped
     * and rebuilt, failed builds cleaned up and retried, waits reported and bounded, an index on a partitioned table
     * built partition by partition.
     */
    public void execute(ConcurrentIndexStatement statement) throws SQLException {
        requireAutocommit(statement.kind() == ConcurrentIndexStatement.Kind.REINDEX ? "REINDEX CONCURRENTLY"
                : statement.kind() == ConcurrentIndexStatement.Kind.DROP_INDEX ? "DROP INDEX CONCURRENTLY" : "CREATE INDEX CONCURRENTLY");
        switch (statement.kind()) {
            case CREATE_INDEX -> createIndex(statement);
            case DROP_INDEX -> {
                for (QualifiedName index : statement.droppedIndexes()) {
                    OperationRunner.runAll(session, DropIndexConcurrently.operation(index, statement.ifExists()));
                }
            }
            case REINDEX -> OperationRunner.runAll(session,
                    new ReindexConcurrently(statement.reindexTarget(), statement.reindexed(), statement.sql()).operation());
        }
    }

    /**
     * Parses and runs one concurrent index statement; see {@link #execute(ConcurrentIndexStatement)}.
     *
     * @throws IllegalArgumentException when {@code sql} is not one ({@link ConcurrentIndexStatement#parse})
     */
    public void execute(String sql) throws SQLException {
        execute(ConcurrentIndexStatement.parse(sql).orElseThrow(() -> new IllegalArgumentException(
                "not a CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY or REINDEX ... CONCURRENTLY statement: " + sql)));
    }

    /** {@code CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS}, rebuilding an invalid leftover; partition by partition on a partitioned table. */
    public void createIndexConcurrently(IndexDefinition index) throws SQLException {
        requireAutocommit("CREATE INDEX CONCURRENTLY");
        OperationRunner.runAll(session, CreateIndexConcurrently.operation(index.toSpec()));
    }

    /** {@code DROP INDEX CONCURRENTLY IF EXISTS}. */
    public void dropIndexConcurrently(QualifiedName index) throws SQLException {
        requireAutocommit("DROP INDEX CONCURRENTLY");
        OperationRunner.runAll(session, DropIndexConcurrently.operation(index, true));
    }

    /** {@code REINDEX INDEX CONCURRENTLY} (PostgreSQL 12+), cleaning up {@code _ccnew}/{@code _ccold} leftovers. */
    public void reindexIndexConcurrently(QualifiedName index) throws SQLException {
        requireAutocommit("REINDEX CONCURRENTLY");
        OperationRunner.runAll(session, ReindexConcurrently.index(index).operation());
    }

    /** {@code REINDEX TABLE CONCURRENTLY} (PostgreSQL 12+), cleaning up {@code _ccnew}/{@code _ccold} leftovers. */
    public void reindexTableConcurrently(QualifiedName table) throws SQLException {
        requireAutocommit("REINDEX CONCURRENTLY");
        OperationRunner.runAll(session, ReindexConcurrently.table(table).operation());
    }

    /** {@code ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID}, then {@code VALIDATE CONSTRAINT} in its own transaction. */
    public void addForeignKey(ForeignKeyDefinition foreignKey) throws SQLException {
        requireAutocommit("adding a foreign key without a long lock");
        OperationRunner.runAll(session, AddForeignKeyNotValidThenValidate.operation(foreignKey));
    }

    /** {@code ADD CONSTRAINT name CHECK (expression) NOT VALID}, then {@code VALIDATE CONSTRAINT}. {@code expression} is SQL. */
    public void addCheckConstraint(QualifiedName table, String name, String expression) throws SQLException {
        FragmentCheck.require("addCheckConstraint", expression);
        requireAutocommit("adding a CHECK constraint without a long lock");
        OperationRunner.runAll(session, AddCheckNotValidThenValidate.operation(table, name, expression.strip()));
    }

    /**
     * {@code CREATE UNIQUE INDEX CONCURRENTLY name}, then {@code ADD CONSTRAINT name UNIQUE USING INDEX name}; a null
     * name means PostgreSQL's default, {@code <table>_<columns>_key}.
     */
    public void addUniqueConstraint(QualifiedName table, String name, List<String> columns) throws SQLException {
        requireAutocommit("adding a UNIQUE constraint without a long lock");
        OperationRunner.runAll(session, AddUniqueUsingConcurrentIndex.operation(session.serverVersion(), table, name, columns, false));
    }

    /**
     * Safe NOT NULL on each column, {@code CREATE UNIQUE INDEX CONCURRENTLY name}, then {@code ADD CONSTRAINT name PRIMARY
     * KEY USING INDEX name}; a null name means {@code <table>_pkey}.
     */
    public void addPrimaryKey(QualifiedName table, String name, List<String> columns) throws SQLException {
        requireAutocommit("adding a PRIMARY KEY without a long lock");
        OperationRunner.runAll(session, AddUniqueUsingConcurrentIndex.operation(session.serverVersion(), table, name, columns, true));
    }

    /**
     * {@code SET NOT NULL} without a scan under ACCESS EXCLUSIVE: on PostgreSQL 18+ {@code ADD CONSTRAINT ... NOT NULL
     * ... NOT VALID} then {@code VALIDATE}; on 12-17 through a validated {@code CHECK (column IS NOT NULL)}.
     */
    public void setNotNull(QualifiedName table, String column) throws SQLException {
        requireAutocommit("SET NOT NULL without a long lock");
        OperationRunner.runAll(session, SetNotNull.forServer(session, table, column));
    }

    private void createIndex(ConcurrentIndexStatement st) throws SQLException {
        IndexSpec spec = new IndexSpec(st.table(), st.indexName(), st.unique(), st.ifNotExists(), st.definition());
        if (st.only()) {
            Catalog.Table table = session.catalog.requireTable(st.table());
            if (table.partitioned()) {
                if (st.indexName() == null) {
                    throw new DdlException(st.sql() + ": name the index, so that its partitions can be attached to it.");
                }
                // ON ONLY a partitioned table creates just the (invalid) parent index: catalog only, no build to run concurrently.
                session.reporter.info("CREATE INDEX ON ONLY the partitioned table " + table.qualified() + " builds nothing; "
                        + "creating the parent index without CONCURRENTLY (which PostgreSQL refuses here) under a short lock_timeout");
                ShortLockDdl.run(session, "CREATE " + (st.unique() ? "UNIQUE " : "") + "INDEX " + (st.ifNotExists() ? "IF NOT EXISTS " : "")
                        + Identifiers.quote(st.indexName()) + " ON ONLY " + table.qualified().quoted() + " " + st.definition(), table.oid());
                return;
            }
        }
        OperationRunner.runAll(session, CreateIndexConcurrently.operation(spec));
    }

    private void requireAutocommit(String operation) throws SQLException {
        OperationRunner.requireAutocommit(session, operation);
    }
}
