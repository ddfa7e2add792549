package dev.zdm.flyway.internal.verify;

/**
 * A {@code -- zdm:verify <query>} of an applied migration.
 *
 * @param file  the migration's file name
 * @param line  1-based line of the directive
 * @param query the query, which must return one row whose first column is true
 */
public record VerifyQuery(String file, int line, String query) {
    /** {@code V3__x.sql:4}. */
    public String where() {
        return file + ":" + line;
    }
}
