package dev.zdm.flyway.internal;

import dev.zdm.core.ddl.DdlOptions;
import java.time.Duration;

/**
 * The {@link DdlOptions} of a Flyway configuration: {@code flyway.zdm.index*} for concurrent builds, and the lock-safe
 * runner's {@code flyway.zdm.lockTimeout} / {@code flyway.zdm.lockRetries} for the short DDL steps.
 */
public final class DdlOptionsFromSettings {
    private DdlOptionsFromSettings() {
    }

    public static DdlOptions of(ZdmSettings settings) {
        DdlOptions options = DdlOptions.defaults()
                .withWaitTimeout(positive(settings.duration("indexWaitTimeout"), DdlOptions.defaults().waitTimeout()))
                .withBuildRetries((int) Math.min(settings.count("indexBuildRetries"), 100))
                .withProgressInterval(positive(settings.duration("indexProgressInterval"), DdlOptions.defaults().progressInterval()));
        Duration buildTimeout = settings.duration("indexBuildTimeout");
        if (buildTimeout != null) {
            options = options.withBuildTimeout(buildTimeout);
        }
        return options
                .withLockTimeout(positive(settings.duration("lockTimeout"), options.lockTimeout()))
                .withLockRetries((int) Math.min(settings.count("lockRetries"), 1000));
    }

    private static Duration positive(Duration value, Duration fallback) {
        return value == null || value.isZero() ? fallback : value;
    }
}
