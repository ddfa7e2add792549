package dev.zdm.core.phase.drain;

import dev.zdm.core.sql.RelationName;

public record RemovedObject(RelationName table, String column) {
}
