package dev.zdm.flyway.internal.checklist;

import dev.zdm.core.sql.RelationName;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What a statement's table is when the statement runs: created earlier in the same run, missing on the target, of a
 * known size, or unknown (no database).
 *
 * @param kind     which of those
 * @param relation the name as the statement writes it, or schema-qualified when found on the target
 * @param creator  the pending migration creating it (CREATED_IN_RUN), else null
 * @param size     the target's size (SIZED), else null
 */
record TableState(Kind kind, String relation, String creator, TableSize size) {
    enum Kind { CREATED_IN_RUN, MISSING, SIZED, UNKNOWN }

    static TableState of(ChecklistContext context, PendingStatement statement, RelationName relation) throws SQLException {
        Optional<String> creator = statement.createdInRun(relation);
        if (creator.isPresent()) {
            return new TableState(Kind.CREATED_IN_RUN, relation.display(), creator.get(), null);
        }
        return of(context, relation);
    }

    /** The state of a relation no earlier statement of the run creates. */
    static TableState of(ChecklistContext context, RelationName relation) throws SQLException {
        Optional<TableSize> size = context.sizes().of(relation);
        if (size.isEmpty()) {
            return new TableState(Kind.UNKNOWN, relation.display(), null, null);
        }
        if (!size.get().exists()) {
            return new TableState(Kind.MISSING, relation.display(), null, null);
        }
        return new TableState(Kind.SIZED, size.get().relation(), null, size.get());
    }

    boolean existsWithRows() {
        return kind == Kind.SIZED && size.rows() > 0;
    }

    /** {@code public.orders (about 1,000 rows, 96 kB)}, {@code orders (created by V1__x.sql in this run)}, ... */
    String describe() {
        return relation + " (" + switch (kind) {
            case CREATED_IN_RUN -> "created by " + creator + " in this run: nothing uses it yet";
            case MISSING -> "does not exist on the target";
            case SIZED -> size.describe() + " on the target";
            case UNKNOWN -> "size unknown: no database configured";
        } + ")";
    }
}
