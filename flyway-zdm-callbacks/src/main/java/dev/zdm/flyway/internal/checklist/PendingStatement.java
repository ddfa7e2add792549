package dev.zdm.flyway.internal.checklist;

import dev.zdm.core.report.Location;
import dev.zdm.core.sql.RelationName;
import dev.zdm.core.sql.SqlStatement;
import java.util.List;
import java.util.Optional;

/**
 * One statement of a pending migration, with the relations the run creates before it.
 *
 * @param migration     its migration
 * @param statement     the statement
 * @param createdBefore each relation created by an earlier statement of the pending run, with the creating file
 */
record PendingStatement(PendingMigration migration, SqlStatement statement, List<Created> createdBefore) {
    record Created(RelationName relation, String file) {
    }

    PendingStatement {
        createdBefore = List.copyOf(createdBefore);
    }

    /** {@code V3__index.sql:4}: the statement's first line. */
    Location location() {
        return Location.line(migration.fileName(), statement.line());
    }

    /** The pending migration that creates {@code relation} before this statement, if one does. */
    Optional<String> createdInRun(RelationName relation) {
        return createdBefore.stream().filter(c -> c.relation().sameAs(relation)).map(Created::file).findFirst();
    }
}
