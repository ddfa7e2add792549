package dev.zdm.flyway;

import dev.zdm.core.ddl.ForeignKeyDefinition;
import dev.zdm.core.ddl.IndexDefinition;
import dev.zdm.core.ddl.Operation;
import dev.zdm.core.ddl.Operations;
import dev.zdm.core.ddl.QualifiedName;
import dev.zdm.flyway.internal.operations.AppliedOperations;
import dev.zdm.flyway.internal.operations.OperationsDeclaration;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A Java migration that lists safe operations once; flyway-zdm runs each operation's expand steps when Flyway applies
 * the migration and its contract steps once the old application version is gone:
 * <pre>
 * public class V12__Require_email_verified extends ZdmOperationsMigration {
 *     &#64;Override
 *     protected void define(Ops ops) {
 *         ops.setNotNull("users", "email_verified")          // expand: CHECK NOT VALID + VALIDATE; contract: SET NOT NULL, drop the CHECK
 *            .createIndex("users", "email_verified");         // expand only: CREATE INDEX CONCURRENTLY
 *     }
 * }
 * </pre>
 * <ul>
 *   <li>On a database whose Flyway history was empty when {@code migrate} started (tests, CI, a new environment) every
 *       step runs at once.</li>
 *   <li>Otherwise only the expand steps run: both application versions keep working. The migration counts as applied,
 *       and {@code zdm_phase_state} records its contract as {@code waiting}; {@code zdm:contract} runs those steps,
 *       {@code zdm:rollback} undoes the expand steps while they wait, {@code zdm:status} lists them.</li>
 * </ul>
 * It runs outside a transaction (the steps commit one by one, with short lock timeouts). Every step reads the catalog
 * first, so a run that stopped half-way is finished by the next one. {@code define} must declare the same operations
 * every time it is called: it is called again, on a new instance (no-arg constructor), when the contract or the undo
 * runs. Names are taken literally (case-sensitive) and quoted; {@code "app.users"} names a schema, an unqualified name
 * resolves in the search_path Flyway had when the migration was applied. Steps and locks of each operation:
 * docs/safe-ddl.md.
 */
public abstract class ZdmOperationsMigration extends BaseJavaMigration implements OperationsDeclaration {

    /** Lists the migration's operations, in the order they run. */
    protected abstract void define(Ops ops);

    /** Never in a transaction: the steps commit one by one (and PostgreSQL refuses CONCURRENTLY in one). */
    @Override
    public final boolean canExecuteInTransaction() {
        return false;
    }

    /** Runs the expand steps (every step on a fresh history) and records what waits. */
    @Override
    public final void migrate(Context context) throws SQLException {
        AppliedOperations.apply(context.getConfiguration(), context.getConnection(), this, getClass().getName(),
                getVersion() == null ? null : getVersion().getVersion());
    }

    /** The operations {@link #define} lists, built with {@code operations} (the server's factory); for flyway-zdm's commands. */
    @Override
    public final List<Operation> operations(Operations operations) {
        Ops ops = new Ops(operations);
        define(ops);
        return List.copyOf(ops.declared);
    }

    /**
     * The operations of one migration, each added in the order it runs. Table and index names are {@code "users"} or
     * {@code "app.users"}, taken literally and always quoted.
     */
    public static final class Ops {
        private final Operations operations;
        private final List<Operation> declared = new ArrayList<>();

        private Ops(Operations operations) {
            this.operations = operations;
        }

        /**
         * {@code SET NOT NULL} without a scan under ACCESS EXCLUSIVE. PostgreSQL 12-17: expand {@code ADD CONSTRAINT
         * <table>_<column>_zdm_not_null CHECK (column IS NOT NULL) NOT VALID} and {@code VALIDATE}; contract {@code SET NOT
         * NULL} (the CHECK proves it, no scan) and drop the CHECK. PostgreSQL 18+: {@code NOT NULL NOT VALID} and
         * {@code VALIDATE}, both expand.
         */
        public Ops setNotNull(String table, String column) {
            return add(operations.setNotNull(QualifiedName.parse(table), column));
        }

        /** {@code CHECK (expression)} named {@code name}: NOT VALID, then VALIDATE (expand). {@code expression} is SQL, one expression. */
        public Ops addCheck(String table, String name, String expression) {
            return add(operations.addCheck(QualifiedName.parse(table), name, expression));
        }

        /** A foreign key {@code table(column) -> referencedTable(referencedColumn)} named {@code <table>_<column>_fkey}: NOT VALID, then VALIDATE (expand). */
        public Ops addForeignKey(String table, String column, String referencedTable, String referencedColumn) {
            return addForeignKey(ForeignKeyDefinition.from(table, column).references(referencedTable, referencedColumn));
        }

        /** Any foreign key (several columns, ON DELETE/UPDATE, name): NOT VALID, then VALIDATE (expand). */
        public Ops addForeignKey(ForeignKeyDefinition foreignKey) {
            return add(operations.addForeignKey(foreignKey));
        }

        /** {@code UNIQUE (columns)} named {@code <table>_<columns>_key}, through a concurrently built unique index (expand). */
        public Ops addUnique(String table, String... columns) {
            return addUnique(table, null, List.of(columns));
        }

        /** {@code UNIQUE (columns)} named {@code name}, through a concurrently built unique index (expand). */
        public Ops addUnique(String table, String name, List<String> columns) {
            return add(operations.addUnique(QualifiedName.parse(table), name, columns));
        }

        /**
         * {@code PRIMARY KEY (columns)} named {@code <table>_pkey}: expand builds the unique index concurrently and
         * validates each nullable column's NOT NULL; contract sets the columns NOT NULL and adds the key using the index.
         */
        public Ops addPrimaryKey(String table, String... columns) {
            return add(operations.addPrimaryKey(QualifiedName.parse(table), null, List.of(columns)));
        }

        /** {@code CREATE INDEX CONCURRENTLY IF NOT EXISTS <table>_<columns>_idx} (expand; undone by dropping it). */
        public Ops createIndex(String table, String... columns) {
            return createIndex(IndexDefinition.on(table).columns(columns));
        }

        /** Any index ({@link IndexDefinition}: name, unique, method, expressions, INCLUDE, WHERE), built concurrently (expand). */
        public Ops createIndex(IndexDefinition index) {
            return add(operations.createIndex(index));
        }

        /** {@code DROP INDEX CONCURRENTLY IF EXISTS index} (contract: the old version may still use it). */
        public Ops dropIndex(String index) {
            return add(operations.dropIndex(QualifiedName.parse(index)));
        }

        /**
         * Renames {@code from} to {@code to} while both application versions run. Expand: add {@code to}, a sync trigger
         * keeping both columns equal whichever version writes, a batched backfill, copies of the column's indexes and
         * unique constraints built concurrently. Contract: drop {@code from} and the trigger, SET NOT NULL where it was,
         * the copies take the old names. Refused (before anything changes) when views, CHECKs, foreign keys and other
         * objects use the column: docs/safe-ddl.md, "Renames and type changes".
         */
        public Ops renameColumn(String table, String from, String to) {
            return add(operations.renameColumn(QualifiedName.parse(table), from, to));
        }

        /**
         * {@link #renameColumn(String, String, String)}; with {@code backgroundBackfill} the backfill of the new column runs as
         * a background job ({@code zdm:backfill}, {@code ZdmBackfillWorker}): migrate returns once the column and the trigger
         * are there, and the validation and index copies run at {@code zdm:contract}, which waits for the job.
         */
        public Ops renameColumn(String table, String from, String to, boolean backgroundBackfill) {
            return add(operations.renameColumn(QualifiedName.parse(table), from, to, backgroundBackfill));
        }

        /**
         * Changes {@code column} to {@code newType} through a shadow column kept in sync by a trigger; {@code using} converts
         * an old value (SQL naming the column; null: a cast), {@code inverse} a new value back (null: writes of the new
         * column do not reach the old one). Contract drops the old column and gives the shadow its name.
         */
        public Ops changeType(String table, String column, String newType, String using, String inverse) {
            return add(operations.changeType(QualifiedName.parse(table), column, newType, using, inverse));
        }

        /** {@link #changeType(String, String, String, String, String)}, the backfill as a background job when asked (see {@link #renameColumn(String, String, String, boolean)}). */
        public Ops changeType(String table, String column, String newType, String using, String inverse, boolean backgroundBackfill) {
            return add(operations.changeType(QualifiedName.parse(table), column, newType, using, inverse, backgroundBackfill));
        }

        /** Any operation built with {@link #operations()}, for those without a method here. */
        public Ops add(Operation operation) {
            declared.add(Objects.requireNonNull(operation, "operation"));
            return this;
        }

        /** The operations for the server the migration runs on (SET NOT NULL depends on its version). */
        public Operations operations() {
            return operations;
        }
    }
}
