package dev.zdm.core.state;

/**
 * How the extension names what it keeps state about. A backfill declared by a Java migration is identified by the
 * migration (its class name); one declared by a statement of a SQL migration by {@code <script>#<fingerprint>}, and
 * the n-th identical statement of a script (n > 1) by {@code <script>#<fingerprint>.n}. The fingerprint is what the
 * statement says (comments and white space aside), so moving the statement or inserting another above it keeps its
 * id, and editing it does not inherit another statement's.
 */
public final class StateIds {
    /** Separates the script from the statement's identity. */
    public static final String SCRIPT_SEPARATOR = "#";
    /** Precedes the occurrence of a repeated identical statement. */
    public static final String OCCURRENCE_SEPARATOR = ".";

    private StateIds() {
    }

    /** The id of the {@code occurrence}-th (from 1) statement of {@code script} with {@code fingerprint}. */
    public static String statement(String script, String fingerprint, int occurrence) {
        return script + SCRIPT_SEPARATOR + fingerprint + (occurrence > 1 ? OCCURRENCE_SEPARATOR + occurrence : "");
    }

    /** What the ids of the statements of {@code script} start with. */
    public static String statementPrefix(String script) {
        return script + SCRIPT_SEPARATOR;
    }

    /** Whether {@code id} belongs to the migration {@code script}: it is the migration itself or one of its statements. */
    public static boolean belongsTo(String id, String script) {
        return id.equals(script) || id.startsWith(statementPrefix(script));
    }
}
