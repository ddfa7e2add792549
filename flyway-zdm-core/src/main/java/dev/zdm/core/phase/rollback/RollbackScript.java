package dev.zdm.core.phase.rollback;

import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.SqlStatement;
import java.util.List;

/**
 * The SQL that undoes one migration, with where it was written for messages.
 *
 * @param source     {@code V3__add_nickname.sql (-- zdm:rollback at line 7)} or {@code U3__add_nickname.sql}
 * @param statements the statements in the order they run; empty when there is nothing to undo
 */
public record RollbackScript(String source, List<SqlStatement> statements) {
    public RollbackScript {
        statements = List.copyOf(statements);
    }

    /** A whole file of rollback SQL (an undo file {@code U3__add_nickname.sql}). */
    public static RollbackScript ofFile(String fileName, String text) {
        return new RollbackScript(fileName, SqlScript.parse(fileName, text).statements());
    }
}
