package dev.zdm.flyway.internal.status;

import dev.zdm.core.backfill.BackfillCheckpoint;
import dev.zdm.core.backfill.BackfillJob;
import dev.zdm.core.backfill.BackfillJobs;
import dev.zdm.core.sql.RelationName;
import dev.zdm.flyway.internal.gate.LiveLint;
import dev.zdm.flyway.internal.status.StatusReport.BackfillStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The batched backfills' checkpoints, with their table's estimated size to put the rows done in proportion; for background
 * jobs the rate (keys per second inside batches), the time left at that rate, the runner (the session running it now, else
 * the last one) and an operator's request not yet honoured.
 */
final class Backfills {
    /** {@code "schema"."table"}, as the checkpoint stores its target. */
    private static final Pattern QUALIFIED = Pattern.compile("\"((?:[^\"]|\"\")*)\"\\.\"((?:[^\"]|\"\")*)\"");

    private Backfills() {
    }

    static List<BackfillStatus> read(Connection connection, String schema) throws SQLException {
        List<BackfillStatus> out = new ArrayList<>();
        for (BackfillJob job : BackfillJobs.all(connection, schema)) {
            BackfillCheckpoint c = job.checkpoint();
            LiveLint.RelationSize size = size(connection, c.targetTable());
            Duration eta = job.eta();
            out.add(new BackfillStatus(c.backfillId(), size == null ? c.targetTable() : size.relation(),
                    c.state().name().toLowerCase(Locale.ROOT), c.rowsDone(), c.keysScanned(), c.batches(), c.pass(),
                    size == null || !size.exists() ? null : size.rows(), c.lastKey() == null ? null : String.join(", ", c.lastKey()),
                    text(c.updatedAt()), text(c.finishedAt()), c.lastError(), job.background(),
                    job.keysPerSecond() > 0 ? job.keysPerSecond() : null, eta == null ? null : eta.toSeconds(),
                    job.activeRunner() != null ? job.activeRunner() : job.runner(), job.requested()));
        }
        return out;
    }

    private static LiveLint.RelationSize size(Connection connection, String targetTable) throws SQLException {
        Matcher m = QUALIFIED.matcher(targetTable);
        if (!m.matches()) {
            return null;
        }
        return LiveLint.size(connection, new RelationName(m.group(1).replace("\"\"", "\""), m.group(2).replace("\"\"", "\"")));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
