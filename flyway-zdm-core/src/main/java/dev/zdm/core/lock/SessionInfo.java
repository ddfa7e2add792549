package dev.zdm.core.lock;

import dev.zdm.core.text.Durations;
import java.time.Duration;

/**
 * Another session as pg_stat_activity shows it: what a blocked migration needs to tell its operator
 * (who is in the way, since when, doing what).
 *
 * @param pid             backend pid
 * @param applicationName application_name (may be empty)
 * @param user            usename
 * @param clientAddress   client_addr, or "local"
 * @param state           active, idle in transaction, ...
 * @param transactionAge  time since xact_start, or null outside a transaction
 * @param stateAge        time since state_change
 * @param query           the current or last query, shortened for messages
 */
public record SessionInfo(int pid, String applicationName, String user, String clientAddress, String state,
                          Duration transactionAge, Duration stateAge, String query) {

    /** One line for logs and error messages: {@code pid 4242 (app "billing", idle in transaction for 12s, transaction 40s): SELECT ...}. */
    public String describe() {
        StringBuilder out = new StringBuilder("pid ").append(pid).append(" (");
        if (applicationName != null && !applicationName.isEmpty()) {
            out.append("app \"").append(applicationName).append("\", ");
        }
        out.append("user ").append(user).append(", ").append(state);
        if (stateAge != null) {
            out.append(" for ").append(Durations.format(stateAge));
        }
        if (transactionAge != null) {
            out.append(", transaction open ").append(Durations.format(transactionAge));
        }
        out.append(")");
        if (query != null && !query.isBlank()) {
            out.append(": ").append(query);
        }
        return out.toString();
    }
}
