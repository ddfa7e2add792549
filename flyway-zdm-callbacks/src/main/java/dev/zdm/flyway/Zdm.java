package dev.zdm.flyway;

import dev.zdm.core.lock.ConnectionSource;
import dev.zdm.core.ddl.DdlOptions;
import dev.zdm.core.ddl.ForeignKeyDefinition;
import dev.zdm.core.ddl.IndexDefinition;
import dev.zdm.core.ddl.QualifiedName;
import dev.zdm.core.ddl.SafeDdl;
import dev.zdm.core.sql.FragmentCheck;
import dev.zdm.flyway.internal.DdlOptionsFromSettings;
import dev.zdm.flyway.internal.ZdmSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Safe schema changes from a Java migration, each one safe to run again after a crash at any step:
 * <pre>
 * public class V7__Index_and_constraints extends ZdmJavaMigration {
 *     public void migrate(Context context) throws Exception {
 *         zdm(context)
 *             .createIndexConcurrently("users", "email")
 *             .addForeignKey("orders", "user_id", "users", "id")
 *             .setNotNull("users", "email_verified");
 *     }
 * }
 * </pre>
 * The operations commit step by step, so the migration must not run in a transaction: extend
 * {@link ZdmJavaMigration}, or override {@code canExecuteInTransaction()} to return false. Names are taken
 * literally (case-sensitive) and quoted; {@code "app.users"} names a schema. Settings: {@code flyway.zdm.index*}
 * (docs/configuration.md). Locks and steps of each operation: docs/safe-ddl.md.
 */
public final class Zdm {
    private static final Logger LOG = LoggerFactory.getLogger(Zdm.class.getPackageName());
    private final Context context;
    private final String migration;
    private final DdlOptions options;

    private Zdm(Context context, String migration, DdlOptions options) {
        this.context = Objects.requireNonNull(context, "context");
        this.migration = migration;
        this.options = options;
    }

    /** The operations for the Java migration calling this, with the {@code flyway.zdm.*} settings of its Flyway. */
    public static Zdm on(Context context) {
        Class<?> caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass();
        return forMigration(context, caller.getSimpleName());
    }

    static Zdm forMigration(Context context, String migration) {
        return new Zdm(context, migration, DdlOptionsFromSettings.of(ZdmSettings.current(context.getConfiguration())));
    }

    /** The same operations with other options (timeouts, retries), for example {@code zdm.withOptions(zdm.options().withBuildRetries(0))}. */
    public Zdm withOptions(DdlOptions newOptions) {
        return new Zdm(context, migration, Objects.requireNonNull(newOptions));
    }

    public DdlOptions options() {
        return options;
    }

    /** {@code CREATE INDEX CONCURRENTLY IF NOT EXISTS <table>_<columns>_idx ON table (columns)}, rebuilding an invalid leftover. */
    public Zdm createIndexConcurrently(String table, String... columns) throws SQLException {
        return createIndexConcurrently(IndexDefinition.on(table).columns(columns));
    }

    /** {@code CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS <table>_<columns>_idx ON table (columns)}. */
    public Zdm createUniqueIndexConcurrently(String table, String... columns) throws SQLException {
        return createIndexConcurrently(IndexDefinition.on(table).columns(columns).unique());
    }

    /**
     * Any index: name, unique, method, expressions, INCLUDE, WHERE, schema ({@link IndexDefinition}). On a partitioned
     * table it is built partition by partition and attached.
     */
    public Zdm createIndexConcurrently(IndexDefinition index) throws SQLException {
        return run("CREATE INDEX CONCURRENTLY", ddl -> ddl.createIndexConcurrently(index));
    }

    /** {@code DROP INDEX CONCURRENTLY IF EXISTS index} ({@code "name"} or {@code "schema.name"}). */
    public Zdm dropIndexConcurrently(String index) throws SQLException {
        return run("DROP INDEX CONCURRENTLY", ddl -> ddl.dropIndexConcurrently(QualifiedName.parse(index)));
    }

    /** {@code REINDEX INDEX CONCURRENTLY index} (PostgreSQL 12+). */
    public Zdm reindexConcurrently(String index) throws SQLException {
        return run("REINDEX CONCURRENTLY", ddl -> ddl.reindexIndexConcurrently(QualifiedName.parse(index)));
    }

    /** {@code REINDEX TABLE CONCURRENTLY table} (PostgreSQL 12+). */
    public Zdm reindexTableConcurrently(String table) throws SQLException {
        return run("REINDEX CONCURRENTLY", ddl -> ddl.reindexTableConcurrently(QualifiedName.parse(table)));
    }

    /** A foreign key {@code table(column) -> referencedTable(referencedColumn)} named {@code <table>_<column>_fkey}: NOT VALID, then VALIDATE. */
    public Zdm addForeignKey(String table, String column, String referencedTable, String referencedColumn) throws SQLException {
        return addForeignKey(ForeignKeyDefinition.from(table, column).references(referencedTable, referencedColumn));
    }

    /** Any foreign key (several columns, ON DELETE/UPDATE, name): NOT VALID, then VALIDATE in its own transaction. */
    public Zdm addForeignKey(ForeignKeyDefinition foreignKey) throws SQLException {
        return run("adding a foreign key", ddl -> ddl.addForeignKey(foreignKey));
    }

    /**
     * {@code CHECK (expression)} named {@code name}: NOT VALID, then VALIDATE. {@code expression} is SQL, written as given;
     * it must be one expression (no {@code ;}, no trailing comment, balanced parentheses), else IllegalArgumentException.
     */
    public Zdm addCheckConstraint(String table, String name, String expression) throws SQLException {
        FragmentCheck.require("Zdm.addCheckConstraint", expression);
        return run("adding a CHECK constraint", ddl -> ddl.addCheckConstraint(QualifiedName.parse(table), name, expression));
    }

    /** {@code UNIQUE (columns)} named {@code <table>_<columns>_key}, through a concurrent unique index. */
    public Zdm addUniqueConstraint(String table, String... columns) throws SQLException {
        return addUniqueConstraint(table, null, List.of(columns));
    }

    /** {@code UNIQUE (columns)} named {@code name}, through a concurrent unique index. */
    public Zdm addUniqueConstraint(String table, String name, List<String> columns) throws SQLException {
        return run("adding a UNIQUE constraint", ddl -> ddl.addUniqueConstraint(QualifiedName.parse(table), name, columns));
    }

    /** {@code PRIMARY KEY (columns)} named {@code <table>_pkey}: safe NOT NULL on each column, a concurrent unique index, then the constraint. */
    public Zdm addPrimaryKey(String table, String... columns) throws SQLException {
        return run("adding a PRIMARY KEY", ddl -> ddl.addPrimaryKey(QualifiedName.parse(table), null, List.of(columns)));
    }

    /** {@code SET NOT NULL} without a scan under ACCESS EXCLUSIVE (PostgreSQL 18: NOT NULL NOT VALID; 12-17: a validated CHECK). */
    public Zdm setNotNull(String table, String column) throws SQLException {
        return run("SET NOT NULL", ddl -> ddl.setNotNull(QualifiedName.parse(table), column));
    }

    /** One {@code CREATE INDEX CONCURRENTLY}, {@code DROP INDEX CONCURRENTLY} or {@code REINDEX ... CONCURRENTLY} statement, with the same safety. */
    public Zdm execute(String concurrentIndexStatement) throws SQLException {
        return run("the concurrent index statement", ddl -> ddl.execute(concurrentIndexStatement));
    }

    private interface Operation {
        void apply(SafeDdl ddl) throws SQLException;
    }

    private Zdm run(String what, Operation operation) throws SQLException {
        Connection connection = context.getConnection();
        if (!connection.getAutoCommit()) {
            throw new SQLException("Migration " + migration + ": " + what + " cannot run inside a transaction, and Flyway runs this Java "
                    + "migration in one. Override canExecuteInTransaction() to return false in " + migration + " (or extend "
                    + ZdmJavaMigration.class.getName() + ", which does), then run migrate again. Nothing was changed.", "25001");
        }
        try {
            operation.apply(SafeDdl.on(connection, observers(), options));
        } catch (SQLException e) {
            String message = "Migration " + migration + ": " + e.getMessage();
            if (connectionLost(connection)) {
                // Flyway replaces our exception with its own "Unable to restore connection" when the connection is dead
                LOG.error(message);
            }
            throw new SQLException(message, e.getSQLState(), e);
        }
        return this;
    }

    private static boolean connectionLost(Connection connection) {
        try {
            return connection.isClosed() || !connection.isValid(2);
        } catch (SQLException e) {
            return true;
        }
    }

    private ConnectionSource observers() {
        DataSource dataSource = context.getConfiguration().getDataSource();
        if (dataSource == null) {
            return () -> {
                throw new SQLException("flyway-zdm needs a second connection to watch concurrent builds, but this Flyway "
                        + "configuration has no DataSource (configure url/user/password or a DataSource)");
            };
        }
        return ConnectionSource.of(dataSource);
    }
}
