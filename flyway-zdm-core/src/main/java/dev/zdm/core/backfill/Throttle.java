package dev.zdm.core.backfill;

import dev.zdm.core.text.Durations;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Slows a backfill down for the sake of everything else on the server: a fixed pause after each batch, a cap
 * on changed rows per second, and a pause while a standby lags more than the limit.
 */
final class Throttle {
    private static final Duration LAG_POLL = Duration.ofSeconds(1);
    private static final Duration LAG_LOG_EVERY = Duration.ofSeconds(30);

    private final String name;
    private final Duration pause;
    private final Long maxRowsPerSecond;
    private final Duration maxLag;
    private final Logger log;
    private boolean lagReadable = true;
    private RateBudget shared;
    private Duration pausedForLag = Duration.ZERO;

    Throttle(String name, Duration pause, Long maxRowsPerSecond, Duration maxLag, Logger log) {
        this.name = name;
        this.pause = pause;
        this.maxRowsPerSecond = maxRowsPerSecond;
        this.maxLag = maxLag;
        this.log = log;
    }

    /**
     * Returns once no standby lags more than the limit. Called with autocommit off before a batch: the lag query
     * is ended before any wait so that no snapshot is held while paused.
     */
    void awaitReplication(Connection connection) throws SQLException {
        if (maxLag.isZero() || !lagReadable) {
            return;
        }
        long pausedSince = 0;
        long lastLog = 0;
        while (true) {
            ReplicationLag.Standby worst;
            try {
                worst = ReplicationLag.worst(connection);
            } catch (SQLException e) {
                connection.rollback();
                lagReadable = false;
                log.warn("backfill {}: cannot read replication lag from pg_stat_replication ({}); continuing without the lag pause",
                        name, e.getMessage());
                return;
            }
            if (worst == null || worst.lag().compareTo(maxLag) <= 0) {
                if (pausedSince != 0) {
                    Duration paused = Duration.ofNanos(System.nanoTime() - pausedSince);
                    pausedForLag = pausedForLag.plus(paused);
                    log.info("backfill {}: replication caught up after {}, resuming", name, Durations.format(paused));
                }
                return;
            }
            connection.rollback();
            long now = System.nanoTime();
            if (pausedSince == 0) {
                pausedSince = now;
            }
            if (lastLog == 0 || now - lastLog >= LAG_LOG_EVERY.toNanos()) {
                lastLog = now;
                log.warn("backfill {}: paused, standby {} is {} behind (limit {}: maxReplicationLag); resuming when it catches up",
                        name, worst.name(), Durations.format(worst.lag()), Durations.format(maxLag));
            }
            sleep(LAG_POLL);
        }
    }

    /**
     * The rows-per-second cap is a job's, shared by every runner of its units ({@link RateBudget}), instead of this run's.
     * The replication-lag limit needs no sharing: every runner reads the same standbys before each batch, so all of them
     * pause while one lags.
     */
    void shareWith(RateBudget budget) {
        this.shared = budget;
    }

    /**
     * After a committed batch (no transaction open): the fixed pause, then whatever wait keeps the run (or, when shared,
     * the job) under the rows-per-second cap.
     */
    void afterBatch(long rowsChangedThisRun, long runStartNanos, long rowsThisBatch, Duration batchTook) throws SQLException {
        if (!pause.isZero()) {
            sleep(pause);
        }
        if (shared != null) {
            sleep(shared.spend(rowsThisBatch, batchTook.plus(pause)));
        } else if (maxRowsPerSecond != null && rowsChangedThisRun > 0) {
            long dueNanos = runStartNanos + (long) (rowsChangedThisRun * 1e9 / maxRowsPerSecond);
            long wait = dueNanos - System.nanoTime();
            if (wait > 0) {
                sleep(Duration.ofNanos(wait));
            }
        }
    }

    Duration pausedForLag() {
        return pausedForLag;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BackfillMessages.interrupted(e);
        }
    }
}
