package dev.zdm.core.lock;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new connection to the same database (an observer beside the migration's own connection). */
@FunctionalInterface
public interface ConnectionSource {
    Connection open() throws SQLException;
}
