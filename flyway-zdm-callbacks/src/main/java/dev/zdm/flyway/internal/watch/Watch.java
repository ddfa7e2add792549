package dev.zdm.flyway.internal.watch;

import dev.zdm.core.lock.SessionSetting;
import dev.zdm.core.sql.RelationName;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Watches the database while migrations run elsewhere: each {@link #next()} waits for the next tick and returns a
 * {@link WatchSnapshot}. One dedicated connection, made read-only ({@code default_transaction_read_only}) with a short
 * {@code lock_timeout} and {@code statement_timeout}, so the watch can never queue behind (or in front of) a migration's
 * lock request; {@link #close()} restores the settings (and closes the connection when the watch opened it).
 * <pre>
 * TextWatch text = new TextWatch();
 * try (Watch watch = ZdmCommands.of(flyway).watch(WatchOptions.defaults().withTicks(5))) {
 *     while (!watch.finished()) {
 *         System.out.print(text.changed(watch.next()));
 *     }
 * }
 * </pre>
 */
public final class Watch implements AutoCloseable {
    /** How long the watch's reads wait for a lock: it reads catalog views and bookkeeping tables only. */
    static final String LOCK_TIMEOUT = "100ms";
    /** How long one of the watch's statements may run. */
    static final String STATEMENT_TIMEOUT = "2s";
    static final String APPLICATION_NAME = "flyway-zdm watch";

    private final Connection connection;
    private final boolean ownsConnection;
    private final List<SessionSetting> settings;
    private final WatchCollector collector;
    private final WatchOptions options;
    private final long startedNanos = System.nanoTime();
    private long lastTickNanos;
    private int ticks;

    private Watch(Connection connection, boolean ownsConnection, List<SessionSetting> settings, WatchCollector collector,
                  WatchOptions options) {
        this.connection = connection;
        this.ownsConnection = ownsConnection;
        this.settings = settings;
        this.collector = collector;
        this.options = options;
    }

    /**
     * A watch on {@code connection} (autocommit; left open by {@link #close()}).
     *
     * @param stateSchema the schema of flyway-zdm's checkpoint table (Flyway's history schema), or null to skip backfills
     * @param touched     the relations the pending migrations touch; empty when unknown (every blocked session is shown
     *                    either way; lock holders only for touched relations)
     */
    public static Watch on(Connection connection, String stateSchema, List<RelationName> touched, WatchOptions options)
            throws SQLException {
        return open(connection, false, stateSchema, touched, options);
    }

    /** As {@link #on}, closing {@code connection} on {@link #close()}. */
    public static Watch owning(Connection connection, String stateSchema, List<RelationName> touched, WatchOptions options)
            throws SQLException {
        return open(connection, true, stateSchema, touched, options);
    }

    private static Watch open(Connection connection, boolean owns, String stateSchema, List<RelationName> touched,
                              WatchOptions options) throws SQLException {
        Objects.requireNonNull(options, "options");
        connection.setAutoCommit(true);
        List<SessionSetting> settings = new ArrayList<>();
        try {
            settings.add(SessionSetting.set(connection, "default_transaction_read_only", "on"));
            settings.add(SessionSetting.set(connection, "lock_timeout", LOCK_TIMEOUT));
            settings.add(SessionSetting.set(connection, "statement_timeout", STATEMENT_TIMEOUT));
            settings.add(SessionSetting.set(connection, "application_name", APPLICATION_NAME));
            WatchCollector collector = new WatchCollector(connection, stateSchema, new TouchedRelations(touched),
                    options.longTransaction());
            return new Watch(connection, owns, settings, collector, options);
        } catch (SQLException | RuntimeException e) {
            restore(settings, e);
            throw e;
        }
    }

    /** A snapshot now, without waiting for the interval. */
    public WatchSnapshot snapshot() throws SQLException {
        lastTickNanos = System.nanoTime();
        ticks++;
        return collector.collect(connection);
    }

    /** Waits until one interval after the previous tick (none before the first), then takes a snapshot. */
    public WatchSnapshot next() throws SQLException, InterruptedException {
        if (ticks > 0) {
            long waitNanos = lastTickNanos + options.interval().toNanos() - System.nanoTime();
            if (options.duration() != null) {
                waitNanos = Math.min(waitNanos, startedNanos + options.duration().toNanos() - System.nanoTime());
            }
            if (waitNanos > 0) {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            }
        }
        return snapshot();
    }

    /** True once the configured ticks are done or the duration has passed (never when neither is set). */
    public boolean finished() {
        if (options.ticks() > 0 && ticks >= options.ticks()) {
            return true;
        }
        return options.duration() != null && ticks > 0
                && Duration.ofNanos(System.nanoTime() - startedNanos).compareTo(options.duration()) >= 0;
    }

    /** The name of the watched database (never a URL: URLs may carry credentials). */
    public String database() throws SQLException {
        return connection.getCatalog();
    }

    public WatchOptions options() {
        return options;
    }

    @Override
    public void close() throws SQLException {
        try {
            if (!connection.isClosed()) {
                restore(settings, null);
            }
        } finally {
            if (ownsConnection) {
                connection.close();
            }
        }
    }

    private static void restore(List<SessionSetting> settings, Exception failure) throws SQLException {
        SQLException first = null;
        for (int i = settings.size() - 1; i >= 0; i--) {
            try {
                settings.get(i).close();
            } catch (SQLException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
