package dev.zdm.core.lint;

import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.TypeName;
import java.util.List;
import java.util.Optional;

/**
 * What a live database says about objects that the migrations read do not declare, so that rules judging a
 * change against the current schema know the real starting point. The migrate-time gate provides one read from
 * the catalog; the static lint has none (every answer empty: unknown).
 */
public interface LiveSchema {
    LiveSchema NONE = (table, column) -> Optional.empty();

    /** The current type of {@code table.column}, if the table and column exist. */
    Optional<TypeName> columnType(RelationName table, String column);

    /** Whether a table, index or view of that name exists now; empty when unknown. */
    default Optional<Boolean> exists(RelationName relation) {
        return Optional.empty();
    }

    /**
     * The definition of constraint {@code name} on {@code table} as {@code pg_get_constraintdef} prints it (e.g.
     * {@code CHECK ((email IS NOT NULL))}), if it exists.
     */
    default Optional<String> constraintDefinition(RelationName table, String name) {
        return Optional.empty();
    }

    /** The columns of the table's primary key, else of a unique index on NOT NULL columns; empty when unknown. */
    default Optional<List<String>> rowKey(RelationName table) {
        return Optional.empty();
    }

    /**
     * Whether a validated {@code CHECK (column IS NOT NULL)} on {@code table} exists now (an earlier, applied migration
     * added and validated it): SET NOT NULL then needs no scan. Empty when unknown.
     */
    default Optional<Boolean> validatedNotNullCheck(RelationName table, String column) {
        return Optional.empty();
    }

    /** Whether {@code table.column} is declared NOT NULL now; empty when unknown. */
    default Optional<Boolean> notNull(RelationName table, String column) {
        return Optional.empty();
    }
}
