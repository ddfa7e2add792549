package dev.zdm.flyway.internal.verify;

import dev.zdm.core.sql.SqlScript;

/**
 * An applied SQL migration as the analyzer reads it.
 *
 * @param installedRank its row in Flyway's history (the latest, for a repeatable migration applied several times)
 * @param script        its statements and directives
 */
public record AppliedScript(int installedRank, SqlScript script) {
}
