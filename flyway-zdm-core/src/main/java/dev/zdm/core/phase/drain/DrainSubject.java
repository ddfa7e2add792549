package dev.zdm.core.phase.drain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What must be drained before a contract migration runs.
 *
 * @param expandVersion     the newest applied Flyway version before the contract migration: what the old code predates
 * @param expandFinishedAt  when that migration finished ({@code installed_on}); null when unknown
 * @param contractMigration the contract migration's script or class name, for messages
 * @param removed           what the contract migration removes or renames ({@link RemovedObjects#of})
 * @param statementBaseline calls per {@code pg_stat_statements} queryid touching {@code removed}, taken when the contract
 *                          was first held ({@link StatementActivity#snapshot}); null when none was taken
 */
public record DrainSubject(String expandVersion, Instant expandFinishedAt, String contractMigration,
                           List<RemovedObject> removed, Map<String, Long> statementBaseline) {
    public DrainSubject {
        removed = removed == null ? List.of() : List.copyOf(removed);
        statementBaseline = statementBaseline == null ? null : Map.copyOf(statementBaseline);
    }
}
