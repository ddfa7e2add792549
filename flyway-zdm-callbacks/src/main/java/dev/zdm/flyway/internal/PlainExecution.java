package dev.zdm.flyway.internal;

/**
 * Whether one SQL migration runs as plain Flyway runs it instead of through the lock-safe runner, and why: it
 * controls transactions itself ({@code BEGIN}/{@code COMMIT}/{@code ROLLBACK}/{@code SAVEPOINT}..., which would
 * destroy the runner's savepoint and make a retry repeat what was committed), or its author opted out with a
 * {@code -- zdm:plain [reason]} comment before its first statement. Filled in while Flyway parses the script
 * (before it runs), read when it runs.
 */
public final class PlainExecution {
    /** The directive that opts a migration out of the runner: {@code -- zdm:plain [reason]}. */
    public static final String DIRECTIVE = "plain";

    private String directive;
    private String transactionControl;

    /** The migration holds a transaction-control statement: {@code command} at {@code line}. */
    public void transactionControl(String command, int line) {
        if (transactionControl == null) {
            transactionControl = command + " at line " + line;
        }
    }

    /** The migration carries {@code -- zdm:plain} at {@code line}; {@code why} is the text after it, possibly empty. */
    public void directive(int line, String why) {
        if (directive == null) {
            directive = "-- zdm:plain at line " + line + (why == null || why.isBlank() ? "" : " (" + why.strip() + ")");
        }
    }

    public boolean applies() {
        return directive != null || transactionControl != null;
    }

    /** True when a statement of the migration begins, ends or rolls back transactions. */
    public boolean controlsTransactions() {
        return transactionControl != null;
    }

    /** Why the migration runs plain, for the log line; null when it does not. */
    public String reason() {
        if (directive != null) {
            return directive;
        }
        return transactionControl == null ? null : "it controls transactions itself: " + transactionControl;
    }
}
