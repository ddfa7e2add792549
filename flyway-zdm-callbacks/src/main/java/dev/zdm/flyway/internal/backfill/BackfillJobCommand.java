package dev.zdm.flyway.internal.backfill;

import dev.zdm.core.backfill.BackfillAction;
import dev.zdm.core.backfill.BackfillJobOutcome;
import dev.zdm.core.backfill.BackfillJobRunner;
import dev.zdm.core.backfill.BackfillJobs;
import dev.zdm.core.backfill.BackfillReport;
import dev.zdm.core.backfill.StopSignal;
import dev.zdm.flyway.internal.HistorySchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * The backfill command behind {@code mvn zdm:backfill} and {@code ZdmCommands.backfill}: runs the pending background jobs
 * to the end, or applies an operator's pause, resume, cancel or retry, on one connection of the configuration's data source.
 */
public final class BackfillJobCommand {
    /** How often a runner waiting for jobs another runner holds looks again. */
    public static final Duration WAIT_POLL = Duration.ofSeconds(1);

    private BackfillJobCommand() {
    }

    public static BackfillReport run(Configuration configuration, Connection connection, BackfillAction action) throws SQLException {
        String schema = HistorySchema.of(configuration, connection);
        List<BackfillJobOutcome> runs = List.of();
        switch (action.kind()) {
            case RUN -> {
                StopSignal interrupted = () -> Thread.currentThread().isInterrupted();
                runs = new BackfillJobRunner(connection, schema, FlywayBackfills.defaults(configuration), null).runToEnd(interrupted, WAIT_POLL);
            }
            case PAUSE -> BackfillJobs.pause(connection, schema, action.id());
            case RESUME -> BackfillJobs.resume(connection, schema, action.id());
            case CANCEL -> BackfillJobs.cancel(connection, schema, action.id());
            case RETRY -> BackfillJobs.retry(connection, schema, action.id());
        }
        return new BackfillReport(runs, BackfillJobs.all(connection, schema));
    }
}
