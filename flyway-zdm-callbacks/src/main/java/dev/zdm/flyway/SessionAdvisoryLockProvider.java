package dev.zdm.flyway;

import java.util.Map;
import org.flywaydb.core.api.configuration.ClassicConfiguration;
import org.flywaydb.core.extensibility.ConfigurationProvider;

/**
 * Makes Flyway hold its PostgreSQL advisory lock at session level
 * ({@code flyway.postgresql.transactional.lock=false}). With Flyway's default, the lock lives in an open
 * transaction on Flyway's main connection, and {@code CREATE INDEX CONCURRENTLY} on the migration
 * connection waits for that transaction forever (Flyway issues 3492, 3682). A provider is the one place
 * early enough to change it without leaking a connection (DESIGN.md section 4). It cannot tell a user's
 * explicit {@code true} from the default, hence our opt-out {@code flyway.zdm.keepTransactionalLock=true};
 * the start-of-migrate line says which lock is in use.
 *
 * <p>Flyway plumbing, not for applications: it is public because Flyway loads it through ServiceLoader, and it lives
 * next to {@link ZdmConfigurationExtension} because Flyway hands a provider the extension of its exact class.
 */
public class SessionAdvisoryLockProvider implements ConfigurationProvider<ZdmConfigurationExtension> {
    static final String TRANSACTIONAL_LOCK = "flyway.postgresql.transactional.lock";

    @Override
    public Map<String, String> getConfiguration(ZdmConfigurationExtension zdm, ClassicConfiguration configuration) {
        if (zdm == null || "false".equalsIgnoreCase(trim(zdm.getEnabled())) || "true".equalsIgnoreCase(trim(zdm.getKeepTransactionalLock()))) {
            return Map.of();
        }
        return Map.of(TRANSACTIONAL_LOCK, "false");
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
    }

    @Override
    public Class<ZdmConfigurationExtension> getConfigurationExtensionClass() {
        return ZdmConfigurationExtension.class;
    }
}
