package dev.zdm.core.lint;

/**
 * One migration file to lint.
 *
 * @param fileName             the file name, e.g. {@code V3__add_index.sql} (used in findings)
 * @param path                 where it is, for reports that link to it (a relative path, or the name)
 * @param text                 its content
 * @param executeInTransaction from a Flyway script configuration file ({@code V3__x.sql.conf}), or null
 */
public record MigrationSource(String fileName, String path, String text, Boolean executeInTransaction) {

    public static MigrationSource of(String fileName, String text) {
        return new MigrationSource(fileName, fileName, text, null);
    }

    public MigrationVersion version() {
        return MigrationVersion.fromFileName(fileName);
    }
}
