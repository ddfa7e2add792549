package dev.zdm.flyway.internal.adapter;

import dev.zdm.flyway.api.ZdmConfigurationException;
import dev.zdm.flyway.internal.ZdmSettings;
import java.sql.Connection;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.DatabaseExecutionStrategy;
import org.flywaydb.core.internal.database.base.BaseDatabaseType;
import org.flywaydb.core.internal.parser.Parser;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.database.postgresql.PostgreSQLDatabaseType;

/**
 * PostgreSQL as Flyway knows it, plus our two hooks (Flyway internal API, kept in this package; see
 * {@code FlywayInternalsContractTest}):
 * <ul>
 *   <li>{@link #createExecutionStrategy}: the body of every SQL and Java migration runs through
 *       {@link LockSafeExecutionStrategy} (lock_timeout, retries of the whole migration);</li>
 *   <li>{@link #createParser}: statements of SQL migrations are {@link ZdmSqlStatement}s, and the
 *       non-transactional statements Flyway misses are recognised ({@link ZdmPostgreSQLParser}).</li>
 * </ul>
 * Flyway picks the database type of highest priority that accepts the connection; PostgreSQL's own has
 * priority 0, CockroachDB's 1 (and it reports "PostgreSQL" as product name), so we take 1 and leave
 * CockroachDB to its own type.
 */
public class ZdmPostgreSQLDatabaseType extends PostgreSQLDatabaseType {

    @Override
    public int getPriority() {
        return 1;
    }

    @Override
    public boolean handlesDatabaseProductNameAndVersion(String productName, String productVersion, Connection connection) {
        return super.handlesDatabaseProductNameAndVersion(productName, productVersion, connection)
                && !BaseDatabaseType.getSelectVersionOutput(connection).contains("CockroachDB");
    }

    /** With {@code flyway.zdm.enabled=false} scripts are parsed exactly as plain Flyway parses them. */
    @Override
    public Parser createParser(Configuration configuration, ResourceProvider resourceProvider, ParsingContext parsingContext) {
        if (disabled(configuration)) {
            return super.createParser(configuration, resourceProvider, parsingContext);
        }
        return new ZdmPostgreSQLParser(configuration, parsingContext);
    }

    private static boolean disabled(Configuration configuration) {
        try {
            return configuration != null && !ZdmSettings.of(configuration).enabled();
        } catch (ZdmConfigurationException e) {
            return false; // reported, with the valid keys, when the command connects
        }
    }

    @Override
    public DatabaseExecutionStrategy createExecutionStrategy(Connection connection) {
        return new LockSafeExecutionStrategy(connection);
    }
}
