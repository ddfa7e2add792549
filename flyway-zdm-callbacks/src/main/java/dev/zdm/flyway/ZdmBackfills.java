package dev.zdm.flyway;

import dev.zdm.core.backfill.BackfillException;
import dev.zdm.core.backfill.BackfillJobs;
import dev.zdm.flyway.api.BackfillFailedException;
import dev.zdm.flyway.internal.HistorySchema;
import java.sql.SQLException;
import org.flywaydb.core.api.migration.Context;

/** Background backfills seen from a Java migration. */
public final class ZdmBackfills {
    private ZdmBackfills() {
    }

    /**
     * Refuses the migration (nothing of it applied when called first) until the background backfill job {@code backfillId}
     * is done and verified; the Java counterpart of {@code -- zdm:require-backfill <id>}. A Java migration's job id is its
     * class name, a SQL statement's {@code <script>#<fingerprint>} ({@code mvn zdm:status} lists them).
     *
     * @throws BackfillFailedException (code {@code BACKFILL_NOT_DONE}) naming the job and its progress
     */
    public static void requireDone(Context context, String backfillId) throws SQLException {
        requireDone(context, backfillId, "This migration");
    }

    /** As {@link #requireDone(Context, String)}, naming the migration in the message ({@code neededBy}, e.g. its class name). */
    public static void requireDone(Context context, String backfillId, String migration) throws SQLException {
        try {
            BackfillJobs.requireDone(context.getConnection(), HistorySchema.of(context.getConfiguration(), context.getConnection()),
                    backfillId, migration);
        } catch (BackfillException e) {
            throw new BackfillFailedException(e.getMessage(), e);
        }
    }
}
