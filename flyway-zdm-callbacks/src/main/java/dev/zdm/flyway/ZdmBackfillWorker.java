package dev.zdm.flyway;

import dev.zdm.core.backfill.BackfillJobRunner;
import dev.zdm.flyway.internal.HistorySchema;
import dev.zdm.flyway.internal.backfill.FlywayBackfills;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs background backfill jobs inside an application, on a thread of its own, while the application serves: start it
 * after Flyway's start-up migration, close it on shutdown (it stops between two batches; every committed batch stays).
 * <pre>
 * &#64;Bean(destroyMethod = "close")
 * ZdmBackfillWorker backfillWorker(Flyway flyway) {
 *     return ZdmBackfillWorker.of(flyway).start();
 * }
 * </pre>
 * Several replicas (and {@code mvn zdm:backfill} next to them) share the jobs safely: one runs a job at a time, the others
 * take it over when that one goes away. It keeps one connection of Flyway's data source while it works and looks for new
 * jobs every {@link #pollInterval(Duration) poll interval} (default 10 s).
 */
public final class ZdmBackfillWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZdmBackfillWorker.class.getPackageName());

    private final Configuration configuration;
    private Duration pollInterval = Duration.ofSeconds(10);
    private Duration stopWait = Duration.ofSeconds(60);
    private String name;
    private final Object wake = new Object();
    private volatile boolean stopping;
    private Thread thread;

    private ZdmBackfillWorker(Configuration configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    public static ZdmBackfillWorker of(Flyway flyway) {
        return new ZdmBackfillWorker(flyway.getConfiguration());
    }

    public static ZdmBackfillWorker of(Configuration configuration) {
        return new ZdmBackfillWorker(configuration);
    }

    /** How often it looks for jobs when it has none (default 10 s). */
    public ZdmBackfillWorker pollInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive: " + interval);
        }
        this.pollInterval = interval;
        return this;
    }

    /** How long {@link #close()} waits for the batch in flight (default 60 s). */
    public ZdmBackfillWorker stopWait(Duration wait) {
        this.stopWait = Objects.requireNonNull(wait, "wait");
        return this;
    }

    /** The runner's name shown by {@code zdm:status} (default: {@code pid@host}). */
    public ZdmBackfillWorker name(String runnerName) {
        this.name = runnerName;
        return this;
    }

    /** Starts the worker thread (a daemon); returns this. */
    public synchronized ZdmBackfillWorker start() {
        if (thread != null) {
            throw new IllegalStateException("the backfill worker is started already");
        }
        if (configuration.getDataSource() == null) {
            throw new FlywayException("flyway-zdm backfill worker: no database configured. Set flyway.url (and flyway.user, flyway.password).");
        }
        thread = new Thread(this::work, "zdm-backfill-worker");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Whether the worker thread is alive. */
    public boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /** Stops after the batch in flight (the job stays running for any other runner) and waits for the thread. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        stopping = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        if (t == null) {
            return;
        }
        try {
            t.join(stopWait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warn("flyway-zdm backfill worker: still in a batch after {}; leaving it (the batch commits or rolls back on its own)", stopWait);
        }
    }

    private void work() {
        DataSource dataSource = configuration.getDataSource();
        LOG.info("flyway-zdm backfill worker started (looks for background jobs every {})", pollInterval);
        while (!stopping) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                BackfillJobRunner runner = new BackfillJobRunner(connection, HistorySchema.of(configuration, connection),
                        FlywayBackfills.defaults(configuration), name);
                while (!stopping) {
                    runner.runAvailable(() -> stopping);
                    pause();
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warn("flyway-zdm backfill worker: {}; trying again in {}", e.getMessage(), pollInterval, e);
                pause();
            }
        }
        LOG.info("flyway-zdm backfill worker stopped");
    }

    private void pause() {
        synchronized (wake) {
            if (stopping) {
                return;
            }
            try {
                wake.wait(pollInterval.toMillis());
            } catch (InterruptedException e) {
                stopping = true;
                Thread.currentThread().interrupt();
            }
        }
    }
}
