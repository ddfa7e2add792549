package dev.zdm.flyway.internal.backfill;

import dev.zdm.core.ZdmErrorCode;
import dev.zdm.core.backfill.BackfillJobs;
import dev.zdm.core.backfill.BackfillNotDoneException;
import dev.zdm.core.sql.Directive;
import dev.zdm.core.sql.Directives;
import dev.zdm.flyway.api.ZdmMigrationException;
import dev.zdm.flyway.internal.HistorySchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * The {@code -- zdm:require-backfill <id>} directives of one SQL migration (written before its first statement): checked
 * once, when its first statement is about to run, so that nothing of the migration is applied while a job it needs is not
 * done. An id is a job's id or a migration's script (then every job of that migration).
 */
public final class RequiredBackfills {
    private final List<String> ids = new ArrayList<>();
    private boolean checked;

    /** Collects the directive's id (its argument); a directive without one is reported by the gate and lint (ZDM144). */
    public void add(Directive directive) {
        if (directive.is(Directives.REQUIRE_BACKFILL.name()) && !directive.arguments().isBlank()) {
            ids.add(directive.arguments().strip());
        }
    }

    public boolean isEmpty() {
        return ids.isEmpty();
    }

    /**
     * Refuses the migration while a required job is not done.
     *
     * @throws ZdmMigrationException (code {@code BACKFILL_NOT_DONE}) naming the migration, the job and its progress
     */
    public void checkOnce(Configuration configuration, Connection connection, String migration) {
        if (checked || ids.isEmpty()) {
            return;
        }
        try {
            String schema = HistorySchema.of(configuration, connection);
            for (String id : ids) {
                BackfillJobs.requireDone(connection, schema, id, "Migration " + migration);
            }
            checked = true;
        } catch (BackfillNotDoneException e) {
            throw new ZdmMigrationException(ZdmErrorCode.BACKFILL_NOT_DONE, e.getMessage(), e);
        } catch (SQLException e) {
            throw new ZdmMigrationException("Migration " + migration + ": could not read the backfill jobs it requires ("
                    + e.getMessage() + "); nothing of it was applied.", e);
        }
    }
}
