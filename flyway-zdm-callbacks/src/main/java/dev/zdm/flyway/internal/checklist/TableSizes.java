package dev.zdm.flyway.internal.checklist;

import dev.zdm.core.sql.RelationName;
import java.sql.SQLException;
import java.util.Optional;

/** The target's table sizes; empty answers mean "unknown" (no database configured). */
public interface TableSizes {
    /** Without a database: every size unknown. */
    TableSizes OFFLINE = relation -> Optional.empty();

    /** The size of {@code relation} (an index answers for its table), or empty when it cannot be known. */
    Optional<TableSize> of(RelationName relation) throws SQLException;
}
