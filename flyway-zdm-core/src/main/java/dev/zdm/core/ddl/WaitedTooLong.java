package dev.zdm.core.ddl;

import dev.zdm.core.lock.SessionInfo;
import dev.zdm.core.lock.Sessions;
import dev.zdm.core.text.Durations;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * A statement waited for other sessions longer than {@link DdlOptions#waitTimeout()} and was cancelled by its
 * watch. Carries who was in the way, for the caller's message after it has cleaned up.
 */
final class WaitedTooLong extends DdlException {
    private static final long serialVersionUID = 1L;

    private final transient List<SessionInfo> inTheWay;
    private final Duration waited;

    WaitedTooLong(String statement, List<SessionInfo> inTheWay, Duration waited, SQLException cancelled) {
        super(statement + " waited " + Durations.format(waited) + " for other transactions and was cancelled", cancelled);
        this.inTheWay = List.copyOf(inTheWay);
        this.waited = waited;
    }

    List<SessionInfo> inTheWay() {
        return inTheWay;
    }

    Duration waited() {
        return waited;
    }

    /** The blocking sessions, one per line, and the pids as a list for {@code pg_terminate_backend}. */
    String sessionsText() {
        return Sessions.describe(inTheWay);
    }

    String pids() {
        return inTheWay.stream().map(s -> String.valueOf(s.pid())).reduce((a, b) -> a + ", " + b).orElse("none found");
    }
}
