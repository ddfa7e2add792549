package dev.zdm.flyway.internal.status;

import dev.zdm.core.backfill.BackfillCheckpoint;
import dev.zdm.core.backfill.BackfillCheckpoints;
import dev.zdm.flyway.internal.ZdmSettings;
import dev.zdm.flyway.internal.resume.StatementProgress;
import dev.zdm.flyway.internal.status.StatusReport.FailedMigration;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * The failed rows of the history and what the next {@code migrate} does with each, by the same evidence as the
 * resume callback: an unfinished backfill checkpoint of the script, or statements flyway-zdm recorded as applied
 * by a non-transactional run ({@code zdm_statement_progress}). Anything else needs {@code flyway repair}.
 */
final class FailedMigrations {
    private FailedMigrations() {
    }

    static List<FailedMigration> read(Configuration configuration, Connection connection, String schema, MigrationInfo[] all)
            throws SQLException {
        List<FailedMigration> out = new ArrayList<>();
        boolean enabled = ZdmSettings.of(configuration).enabled();
        List<BackfillCheckpoint> checkpoints = null;
        Optional<StatementProgress> progress = null;
        for (MigrationInfo info : all) {
            if (!info.getState().isFailed() || !info.getState().isApplied()) {
                continue;
            }
            if (checkpoints == null) {
                checkpoints = BackfillCheckpoints.all(connection, schema);
                progress = StatementProgress.ifExists(connection, schema);
            }
            String version = info.getVersion() == null ? null : info.getVersion().getVersion();
            String script = info.getScript();
            Optional<BackfillCheckpoint> backfill = checkpoints.stream().filter(c -> c.unfinished()
                    && (c.backfillId().equals(script) || c.backfillId().startsWith(script + "#"))).findFirst();
            Map<Integer, StatementProgress.Recorded> recorded = progress.isPresent() ? progress.get().recorded(script) : Map.of();
            int applied = (int) recorded.values().stream().filter(r -> r.state() == StatementProgress.State.DONE).count();
            String repair = "run flyway repair once what it applied is checked (or fixed by hand), then migrate";
            if (!enabled) {
                out.add(new FailedMigration(version, info.getDescription(), script, false,
                        "flyway.zdm.enabled=false: migrate does not continue failed migrations; " + repair, applied));
            } else if (backfill.isPresent()) {
                out.add(new FailedMigration(version, info.getDescription(), script, true, "the next migrate continues its backfill "
                        + backfill.get().backfillId() + " from its checkpoint (" + backfill.get().summary() + ")", applied));
            } else if (!recorded.isEmpty()) {
                out.add(new FailedMigration(version, info.getDescription(), script, true, "the next migrate continues it: flyway-zdm "
                        + "recorded " + applied + " applied statement(s), which are skipped while unchanged", applied));
            } else {
                out.add(new FailedMigration(version, info.getDescription(), script, false,
                        "not run through flyway-zdm's resumable path; " + repair, applied));
            }
        }
        return out;
    }
}
