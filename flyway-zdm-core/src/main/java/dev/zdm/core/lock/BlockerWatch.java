package dev.zdm.core.lock;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches who blocks a backend while it waits for a lock. After a lock timeout the blocker has often
 * moved on, so the evidence is taken while the wait is going on: once armed, the watch samples
 * {@code pg_blocking_pids} from its own observer connection (opened on first need, kept until close) and
 * remembers the last non-empty answer. Quick statements finish before the first sample and cost nothing.
 */
public final class BlockerWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlockerWatch.class.getPackageName());

    private final ConnectionSource connections;
    private ScheduledExecutorService scheduler;
    private Connection observer;
    private ScheduledFuture<?> sampling;
    private volatile List<SessionInfo> lastSeen = List.of();

    public BlockerWatch(ConnectionSource connections) {
        this.connections = connections;
    }

    /** Starts watching {@code pid}: first sample after {@code firstLook}, then every {@code interval}. */
    public synchronized void arm(int pid, Duration firstLook, Duration interval) {
        disarm();
        lastSeen = List.of();
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "zdm-blocker-watch");
                t.setDaemon(true);
                return t;
            });
        }
        sampling = scheduler.scheduleWithFixedDelay(() -> sample(pid), Math.max(1, firstLook.toMillis()),
                Math.max(10, interval.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Stops sampling; returns the last blockers seen since {@link #arm} (empty if none were seen). */
    public synchronized List<SessionInfo> disarm() {
        if (sampling != null) {
            sampling.cancel(false);
            sampling = null;
        }
        return lastSeen;
    }

    /**
     * After the attempts ran out: the sessions that held table locks in a transaction for at least {@code waited}
     * (see {@link Sessions#longTransactionsHoldingTableLocks}), the likely blockers when sampling caught none (the
     * sampler may not get a turn within a short lock timeout on a busy machine). Empty when they cannot be read.
     */
    public synchronized List<SessionInfo> suspects(int pid, Duration waited) {
        try {
            return Sessions.longTransactionsHoldingTableLocks(observer(), pid, waited);
        } catch (SQLException e) {
            LOG.debug("reading the likely blockers failed: {}", e.getMessage());
            closeObserver();
            return List.of();
        }
    }

    private void sample(int pid) {
        try {
            List<SessionInfo> blockers = Sessions.blocking(observer(), pid);
            if (!blockers.isEmpty()) {
                lastSeen = blockers;
            }
        } catch (SQLException e) {
            LOG.debug("blocker sample failed: {}", e.getMessage());
            closeObserver();
        }
    }

    private Connection observer() throws SQLException {
        if (observer == null || observer.isClosed()) {
            observer = connections.open();
            observer.setAutoCommit(true);
        }
        return observer;
    }

    private void closeObserver() {
        if (observer != null) {
            try {
                observer.close();
            } catch (SQLException ignored) {
                // nothing to do: the observer is only evidence
            }
            observer = null;
        }
    }

    @Override
    public synchronized void close() {
        disarm();
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
        closeObserver();
    }
}
