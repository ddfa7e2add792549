package dev.zdm.flyway.internal.operations;

import dev.zdm.core.ddl.OperationRunner;
import dev.zdm.core.lock.ConnectionSource;
import dev.zdm.flyway.internal.DdlOptionsFromSettings;
import dev.zdm.flyway.internal.ZdmSettings;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * The {@link OperationRunner} of a Flyway configuration: its {@code flyway.zdm.*} settings (lock timeout and retries of
 * the short steps, index build and wait limits) and its DataSource for the watch connection.
 */
final class OperationSessions {
    private OperationSessions() {
    }

    static OperationRunner runner(Configuration configuration, Connection connection) throws SQLException {
        return OperationRunner.on(connection, observers(configuration), DdlOptionsFromSettings.of(ZdmSettings.current(configuration)));
    }

    private static ConnectionSource observers(Configuration configuration) {
        DataSource dataSource = configuration.getDataSource();
        if (dataSource == null) {
            return () -> {
                throw new SQLException("flyway-zdm needs a second connection to watch long steps, but this Flyway "
                        + "configuration has no DataSource (configure url/user/password or a DataSource)");
            };
        }
        return ConnectionSource.of(dataSource);
    }
}
