package dev.zdm.flyway.internal.status;

import dev.zdm.flyway.internal.status.StatusReport.MigrationStatus;
import dev.zdm.flyway.internal.status.StatusReport.PendingFinding;
import java.util.List;
import org.flywaydb.core.api.MigrationInfo;

/** A migration as Flyway's {@code info} shows it. */
final class Migrations {
    private Migrations() {
    }

    static MigrationStatus status(MigrationInfo info, String phase, List<PendingFinding> findings) {
        return new MigrationStatus(info.getVersion() == null ? null : info.getVersion().getVersion(), info.getDescription(),
                info.getType() == null ? null : info.getType().name(), info.getScript(), info.getState().getDisplayName(),
                info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant().toString(), phase, findings);
    }

    /** The file name of a script ({@code db/V3__x.sql} gives {@code V3__x.sql}), as the lint names files. */
    static String fileName(String script) {
        return script == null ? null : script.substring(script.lastIndexOf('/') + 1);
    }
}
