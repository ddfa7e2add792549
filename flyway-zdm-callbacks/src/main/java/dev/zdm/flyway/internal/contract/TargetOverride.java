package dev.zdm.flyway.internal.contract;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.ClassicConfiguration;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Makes a running {@code migrate} stop before the held migrations by lowering its {@code target}, and puts the
 * user's target back when migrate ends. Flyway 13.12's {@code DbMigrate} reads {@code configuration.getTarget()} for
 * every group it applies, and the callbacks see the very {@code ClassicConfiguration} it reads (pinned by
 * {@code FlywayInternalsContractTest}); migrate then returns normally, having applied the expand part, and the held
 * migrations stay pending ("above target" in {@code info}). Flyway has no public way to leave pending migrations out
 * of one migrate.
 */
final class TargetOverride {
    private final ClassicConfiguration configuration;
    private final MigrationVersion original;

    private TargetOverride(ClassicConfiguration configuration, MigrationVersion original) {
        this.configuration = configuration;
        this.original = original;
    }

    /**
     * Lowers the target of {@code configuration} to {@code target} unless the user's target already stops earlier;
     * null when the configuration cannot be changed (not Flyway's own class) or need not be.
     */
    static TargetOverride lower(Configuration configuration, MigrationVersion target) {
        if (!(configuration instanceof ClassicConfiguration classic)) {
            return null;
        }
        MigrationVersion user = classic.getTarget();
        if (!stopsLater(user, target)) {
            return null;
        }
        TargetOverride override = new TargetOverride(classic, user);
        classic.setTarget(target);
        return override;
    }

    /** Whether the user's target would apply more than {@code target}. */
    static boolean stopsLater(MigrationVersion user, MigrationVersion target) {
        if (user == null || user == MigrationVersion.LATEST) {
            return true;
        }
        if (user == MigrationVersion.CURRENT || user == MigrationVersion.NEXT) {
            return target == MigrationVersion.CURRENT && user == MigrationVersion.NEXT;
        }
        return target == MigrationVersion.CURRENT || user.compareTo(target) > 0;
    }

    void restore() {
        configuration.setTarget(original);
    }
}
