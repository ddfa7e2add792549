package dev.zdm.flyway.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Catalog questions about the tables flyway-zdm and Flyway keep next to each other (history, bookkeeping). */
public final class Relations {
    private Relations() {
    }

    /**
     * Whether the relation named {@code qualified} (quoted, e.g. {@code "app"."flyway_schema_history"}) exists; read with
     * {@code to_regclass}, which takes no lock.
     */
    public static boolean exists(Connection connection, String qualified) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
