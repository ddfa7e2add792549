package dev.zdm.flyway.internal.checklist;

import dev.zdm.core.sql.SqlScript;

/**
 * A pending SQL migration as the checklist reads it.
 *
 * @param fileName {@code V3__index.sql}
 * @param script   Flyway's script name (the path under its location)
 * @param version  the version ({@code 3}), or null for a repeatable migration
 * @param checksum Flyway's checksum, or null offline
 * @param sql      its text read by the analyzer (placeholders replaced)
 */
public record PendingMigration(String fileName, String script, String version, Integer checksum, SqlScript sql) {
}
