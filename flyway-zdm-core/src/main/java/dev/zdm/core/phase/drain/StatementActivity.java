package dev.zdm.core.phase.drain;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class StatementActivity {
    private StatementActivity() {
    }

    public static Optional<Map<String, Long>> snapshot(Connection c, List<RemovedObject> removed) throws SQLException {
        return Optional.empty();
    }
}
