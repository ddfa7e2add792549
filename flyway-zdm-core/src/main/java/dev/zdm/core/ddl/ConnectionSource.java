package dev.zdm.core.ddl;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Opens a second connection to the same database. A concurrent build is watched from it (who is it waiting
 * for, how far has it got) and, when it waits too long, cancelled from it: the connection running the build
 * is busy and cannot do either.
 */
@FunctionalInterface
public interface ConnectionSource {

    /** A new connection in autocommit mode; the caller closes it. */
    Connection open() throws SQLException;

    static ConnectionSource of(DataSource dataSource) {
        return dataSource::getConnection;
    }
}
