package dev.zdm.flyway.internal.rollback;

import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;

/**
 * An applied migration {@code zdm:rollback} is to undo.
 *
 * @param version       its Flyway version
 * @param script        its script (SQL) or class name (Java), as Flyway's history records it
 * @param description   its description
 * @param installedRank its row in Flyway's history
 * @param type          Flyway's migration type ({@code SQL}, {@code JDBC}, ...)
 * @param text          the SQL migration's text with placeholders replaced; empty for Java migrations and files no
 *                      longer found
 * @param phase         the phase recorded for it in {@code zdm_phase_state}: its declared phase, else {@code undeclared}
 */
public record Candidate(MigrationVersion version, String script, String description, int installedRank, String type,
                        Optional<String> text, String phase) {

    /** {@code V3__add_nickname.sql}, or {@code V4 (Java migration db.migration.V4__Backfill)}. */
    public String describe() {
        return isSql() ? fileName() : "V" + version + " (" + (type.equals("JDBC") ? "Java migration " : type + " migration ") + script + ")";
    }

    /** The file name of a SQL migration (its script without folders). */
    public String fileName() {
        return script.contains("/") ? script.substring(script.lastIndexOf('/') + 1) : script;
    }

    public boolean isSql() {
        return type.equals("SQL");
    }
}
