package dev.zdm.core.ddl;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A foreign key to add: {@code ForeignKeyDefinition.from("orders", "user_id").references("users", "id").onDelete("cascade")}.
 * Table names may be schema-qualified ({@code "app.orders"}); all names are taken literally and quoted.
 * Immutable: each method returns a new definition.
 */
public final class ForeignKeyDefinition {
    private static final Set<String> ACTIONS = Set.of("NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT");

    private final QualifiedName table;
    private final List<String> columns;
    private final QualifiedName referencedTable;
    private final List<String> referencedColumns;
    private final String name;
    private final String onDelete;
    private final String onUpdate;

    private ForeignKeyDefinition(QualifiedName table, List<String> columns, QualifiedName referencedTable, List<String> referencedColumns,
                                 String name, String onDelete, String onUpdate) {
        this.table = table;
        this.columns = columns;
        this.referencedTable = referencedTable;
        this.referencedColumns = referencedColumns;
        this.name = name;
        this.onDelete = onDelete;
        this.onUpdate = onUpdate;
    }

    /** The referencing side: {@code table} and its column(s). */
    public static ForeignKeyDefinition from(String table, String... columns) {
        return from(QualifiedName.parse(table), columns);
    }

    public static ForeignKeyDefinition from(QualifiedName table, String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("a foreign key needs at least one column");
        }
        return new ForeignKeyDefinition(Objects.requireNonNull(table), List.of(columns), null, List.of(), null, null, null);
    }

    /** The referenced table and column(s); without columns, its primary key. */
    public ForeignKeyDefinition references(String table, String... columns) {
        return references(QualifiedName.parse(table), columns);
    }

    public ForeignKeyDefinition references(QualifiedName table, String... columns) {
        return new ForeignKeyDefinition(this.table, this.columns, Objects.requireNonNull(table), List.of(columns), name, onDelete, onUpdate);
    }

    /** The constraint name; by default {@code <table>_<columns>_fkey}, as PostgreSQL would choose. */
    public ForeignKeyDefinition name(String constraintName) {
        return new ForeignKeyDefinition(table, columns, referencedTable, referencedColumns, Objects.requireNonNull(constraintName),
                onDelete, onUpdate);
    }

    /** {@code ON DELETE}: no action, restrict, cascade, set null or set default. */
    public ForeignKeyDefinition onDelete(String action) {
        return new ForeignKeyDefinition(table, columns, referencedTable, referencedColumns, name, action(action), onUpdate);
    }

    /** {@code ON UPDATE}: no action, restrict, cascade, set null or set default. */
    public ForeignKeyDefinition onUpdate(String action) {
        return new ForeignKeyDefinition(table, columns, referencedTable, referencedColumns, name, onDelete, action(action));
    }

    public QualifiedName table() {
        return table;
    }

    public QualifiedName referencedTable() {
        return referencedTable;
    }

    public String constraintName() {
        if (name != null) {
            return name;
        }
        return DerivedNames.foreignKey(table.name(), columns);
    }

    /** {@code ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY (...) REFERENCES ... NOT VALID} for the resolved tables. */
    String addNotValidSql(QualifiedName resolvedTable, QualifiedName resolvedReferenced) {
        return addNotValidSql(SqlStyle.QUOTED, resolvedTable, resolvedReferenced);
    }

    /** The same statement with its names written in {@code style}. */
    String addNotValidSql(SqlStyle style, QualifiedName resolvedTable, QualifiedName resolvedReferenced) {
        if (referencedTable == null) {
            throw new IllegalStateException("foreign key on " + table + " has no referenced table: call references(...)");
        }
        return "ALTER TABLE " + style.table(resolvedTable) + " ADD CONSTRAINT " + style.id(constraintName()) + " FOREIGN KEY ("
                + style.ids(columns) + ") REFERENCES " + style.table(resolvedReferenced)
                + (referencedColumns.isEmpty() ? "" : " (" + style.ids(referencedColumns) + ")")
                + (onDelete == null ? "" : " ON DELETE " + onDelete) + (onUpdate == null ? "" : " ON UPDATE " + onUpdate) + " NOT VALID";
    }

    String columnsText() {
        return String.join(", ", columns);
    }

    private static String action(String action) {
        String normal = action.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        if (!ACTIONS.contains(normal)) {
            throw new IllegalArgumentException("not a referential action: '" + action + "'; use one of " + ACTIONS);
        }
        return normal;
    }

    @Override
    public String toString() {
        return "foreign key " + constraintName() + " " + table + " (" + columnsText() + ") -> " + referencedTable;
    }
}
