package dev.zdm.flyway.internal.verify;

import dev.zdm.core.lock.SessionSetting;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a check's reads in one read-only transaction ({@code BEGIN READ ONLY}) with {@code SET LOCAL lock_timeout}
 * and {@code statement_timeout}, rolled back at the end: a check can change nothing, never queues behind DDL (and so
 * never makes other sessions queue behind it) and never runs longer than the timeout.
 */
final class ReadOnlyTransaction {
    /** How long a check's read may wait for a lock before it gives up. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(2);

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private ReadOnlyTransaction() {
    }

    static <T> T run(Connection connection, Duration statementTimeout, Work<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        boolean readOnly = connection.isReadOnly();
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        try {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("transaction_read_only", "on");
            settings.put("lock_timeout", SessionSetting.timeoutText(LOCK_WAIT));
            settings.put("statement_timeout", SessionSetting.timeoutText(statementTimeout));
            SessionSetting.setLocal(connection, settings);
            return work.run(connection);
        } finally {
            connection.rollback();
            connection.setReadOnly(readOnly);
            connection.setAutoCommit(autoCommit);
        }
    }
}
