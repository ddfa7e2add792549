package dev.zdm.flyway.internal.watch;

import dev.zdm.core.sql.RelationName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The relations the pending migrations touch, resolved to oids through the search path on every tick
 * ({@code to_regclass} takes no lock; a table a pending migration creates appears once it exists).
 */
final class TouchedRelations {
    private final List<RelationName> names;

    TouchedRelations(List<RelationName> names) {
        this.names = List.copyOf(names);
    }

    boolean known() {
        return !names.isEmpty();
    }

    /** oid to display name of the touched relations that exist now. */
    Map<Long, String> resolve(Connection connection) throws SQLException {
        Map<Long, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT r.oid, " + WatchCollector.displayName("r.oid")
                + " FROM (SELECT to_regclass(?)::oid AS oid) r WHERE r.oid IS NOT NULL")) {
            for (RelationName name : names) {
                ps.setString(1, name.quoted());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.putIfAbsent(rs.getLong(1), rs.getString(2));
                    }
                }
            }
        }
        return out;
    }
}
