package dev.zdm.core.lint;

import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.TypeName;
import java.util.Optional;

/**
 * What a live database says about columns that the migrations read do not declare, so that rules judging a
 * change against the current schema (ALTER COLUMN ... TYPE) know the real starting point. The migrate-time
 * gate provides one read from the catalog; the static lint has none.
 */
public interface LiveSchema {
    LiveSchema NONE = (table, column) -> Optional.empty();

    /** The current type of {@code table.column}, if the table and column exist. */
    Optional<TypeName> columnType(RelationName table, String column);
}
