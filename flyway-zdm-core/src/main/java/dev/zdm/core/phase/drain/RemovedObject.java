package dev.zdm.core.phase.drain;

import dev.zdm.core.sql.Identifiers;
import dev.zdm.core.sql.RelationName;
import java.util.Objects;

/**
 * One object a contract migration takes away from the old application: a table (column null) or a column, and how.
 *
 * @param table  the table (or view) as the migration names it: schema when written, name folded
 * @param column the column, folded; null for the whole table
 * @param change dropped, renamed (this is the old name) or given another type
 */
public record RemovedObject(RelationName table, String column, Change change) {

    /** How the object goes away for the old application. */
    public enum Change {
        DROPPED, RENAMED, RETYPED;

        String word() {
            return switch (this) {
                case DROPPED -> "dropped";
                case RENAMED -> "renamed";
                case RETYPED -> "changes type";
            };
        }
    }

    public RemovedObject {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(change, "change");
    }

    /** A dropped table ({@code column} null) or column. */
    public RemovedObject(RelationName table, String column) {
        this(table, column, Change.DROPPED);
    }

    /** {@code users.name} or {@code sales.orders}, quoted only where SQL needs it. */
    public String display() {
        return column == null ? table.display() : table.display() + "." + Identifiers.display(column);
    }

    /** {@code users.name (renamed)}. */
    public String describe() {
        return display() + " (" + change.word() + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
