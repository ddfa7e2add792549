package dev.zdm.core.lock;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Opens a second connection to the same database, beside the one doing the work: long operations are
 * watched from it (who blocks them, how far they have got) and, when they wait too long, cancelled from it,
 * since the working connection is busy and can do neither.
 */
@FunctionalInterface
public interface ConnectionSource {

    /** A new connection in autocommit mode; the caller closes it. */
    Connection open() throws SQLException;

    static ConnectionSource of(DataSource dataSource) {
        return dataSource::getConnection;
    }
}
