package dev.zdm.core.lint;

import dev.zdm.core.sql.RelationName;
import java.util.List;

/**
 * One problem found in a migration.
 *
 * @param ruleId    the rule's stable id, e.g. {@code ZDM101}
 * @param severity  after configuration and (in the gate) table-size adjustment
 * @param file      the migration's file name, e.g. {@code V3__add_index.sql}
 * @param line      1-based line of the statement
 * @param column    1-based column of the statement
 * @param statement the statement as written (without its semicolon)
 * @param message   what is wrong, in PostgreSQL terms, with the user's names
 * @param fix       the safe rewrite, with the user's names
 * @param relation  the table (or index) concerned, or null
 * @param impact    what the finding depends on (see {@link Impact})
 * @param locks     the locks in force while the statement runs, per relation (empty for statements that lock
 *                  nothing the lint knows of)
 * @param createdBy the migration of this run that created {@code relation} before this statement (and did not
 *                  drop it since), or null: never a later one
 */
public record Finding(String ruleId, Severity severity, String file, int line, int column, String statement,
                      String message, String fix, RelationName relation, Impact impact, List<FindingLock> locks,
                      String createdBy) {

    public Finding {
        locks = locks == null ? List.of() : List.copyOf(locks);
    }

    public Finding withSeverity(Severity newSeverity, String newMessage) {
        return new Finding(ruleId, newSeverity, file, line, column, statement, newMessage, fix, relation, impact, locks,
                createdBy);
    }

    /** {@code V3__add_index.sql:4:1} */
    public String location() {
        return file + ":" + line + ":" + column;
    }
}
