package dev.zdm.core.lint;

import dev.zdm.core.sql.RelationName;

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
 */
public record Finding(String ruleId, Severity severity, String file, int line, int column, String statement,
                      String message, String fix, RelationName relation, Impact impact) {

    public Finding withSeverity(Severity newSeverity, String newMessage) {
        return new Finding(ruleId, newSeverity, file, line, column, statement, newMessage, fix, relation, impact);
    }

    /** {@code V3__add_index.sql:4:1} */
    public String location() {
        return file + ":" + line + ":" + column;
    }
}
