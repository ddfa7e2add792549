package dev.zdm.core.phase.drain;

import dev.zdm.core.sql.SqlScript;
import java.util.List;

public final class RemovedObjects {
    private RemovedObjects() {
    }

    public static List<RemovedObject> of(SqlScript script) {
        return List.of();
    }
}
