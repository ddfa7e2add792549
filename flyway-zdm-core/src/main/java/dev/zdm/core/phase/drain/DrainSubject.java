package dev.zdm.core.phase.drain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

public record DrainSubject(String expandVersion, Instant expandFinishedAt, String contractMigration,
                           List<RemovedObject> removed, Map<String, Long> statementBaseline) {
}
