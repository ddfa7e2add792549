package dev.zdm.core.ddl;

import dev.zdm.core.lock.ConnectionSource;
import dev.zdm.core.lock.Sessions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/** What every operation works with: the migration's connection and backend pid, a second-connection source, options. */
final class DdlSession {
    final Connection connection;
    final int pid;
    final ConnectionSource observers;
    final DdlOptions options;
    final DdlReporter reporter;
    final Catalog catalog;
    private int serverVersion;

    DdlSession(Connection connection, ConnectionSource observers, DdlOptions options, DdlReporter reporter) throws SQLException {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.observers = Objects.requireNonNull(observers, "observers");
        this.options = Objects.requireNonNull(options, "options");
        this.reporter = Objects.requireNonNull(reporter, "reporter");
        this.catalog = new Catalog(connection);
        this.pid = Sessions.backendPid(connection);
    }

    /** server_version_num, read once. */
    int serverVersion() throws SQLException {
        if (serverVersion == 0) {
            serverVersion = catalog.serverVersion();
        }
        return serverVersion;
    }

    void requireServer(int minimumVersionNum, String what) throws SQLException {
        if (serverVersion() < minimumVersionNum) {
            throw new DdlException(what + " needs PostgreSQL " + minimumVersionNum / 10000 + " or later; this server is "
                    + serverVersion() / 10000 + ".");
        }
    }
}
