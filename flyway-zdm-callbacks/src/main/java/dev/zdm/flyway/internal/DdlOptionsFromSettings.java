package dev.zdm.flyway.internal;

import dev.zdm.core.ddl.DdlOptions;

/**
 * The {@link DdlOptions} of a run: {@code flyway.zdm.index*} for concurrent builds, and the lock-safe runner's
 * {@code flyway.zdm.lockTimeout} / {@code flyway.zdm.lockRetries} for the short DDL steps. The values were range-checked
 * when the settings were read, so they are taken as they are.
 */
public final class DdlOptionsFromSettings {
    private DdlOptionsFromSettings() {
    }

    public static DdlOptions of(ZdmSettings settings) {
        ZdmSettings.Ddl ddl = settings.ddl();
        DdlOptions options = DdlOptions.defaults()
                .withWaitTimeout(ddl.waitTimeout())
                .withBuildRetries(ddl.buildRetries())
                .withProgressInterval(ddl.progressInterval())
                .withLockTimeout(settings.lock().timeout())
                .withLockRetries(settings.lock().retries());
        return ddl.buildTimeout() == null ? options : options.withBuildTimeout(ddl.buildTimeout());
    }
}
