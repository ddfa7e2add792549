package dev.zdm.flyway.internal;

import org.flywaydb.core.extensibility.ConfigurationExtension;

/**
 * The Flyway extension whose {@link Setting} fields declare the {@code flyway.zdm.*} keys (the public
 * {@code ZdmConfigurationExtension}). The internal code finds it through this interface, so that it needs nothing
 * from the public package: the declared keys are read from the class by reflection ({@link SettingKeys}).
 */
public interface SettingsDeclaration extends ConfigurationExtension {

    /** {@code flyway.zdm.enabled} as given, or null. */
    String getEnabled();

    /** {@code flyway.zdm.keepTransactionalLock} as given, or null. */
    String getKeepTransactionalLock();
}
