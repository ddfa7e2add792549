package dev.zdm.core.lint;

/**
 * One lint rule: a stable id, what it catches, why it matters (lock level, what it blocks, for how long),
 * the safe rewrite, and the PostgreSQL versions it applies to. Subclasses live in
 * {@code dev.zdm.core.lint.rules}, one class per rule, and are listed in {@link Rules}; their text is
 * the source of {@code docs/rules.md}.
 */
public abstract class Rule {
    private final String id;
    private final String name;
    private final Severity severity;
    private final Impact impact;
    private final PgVersions versions;

    protected Rule(String id, String name, Severity severity, Impact impact, PgVersions versions) {
        this.id = id;
        this.name = name;
        this.severity = severity;
        this.impact = impact;
        this.versions = versions;
    }

    /** Stable id, e.g. {@code ZDM101}. */
    public final String id() {
        return id;
    }

    /** Short slug, e.g. {@code create-index-non-concurrently}, also the docs anchor. */
    public final String name() {
        return name;
    }

    public final Severity defaultSeverity() {
        return severity;
    }

    public final Impact impact() {
        return impact;
    }

    public final PgVersions versions() {
        return versions;
    }

    /** One line: what the rule catches. */
    public abstract String summary();

    /** Why it matters: the lock taken, what it blocks and for how long (docs). */
    public abstract String why();

    /** The safe way to write it, in general terms with an example (docs). */
    public abstract String safeRewrite();

    /**
     * A statement this rule reports, with the setup it needs, used by the docs and by the test that checks
     * the rule's lock claim against a real server. Null when the rule is not about a lock.
     */
    public LockExample lockExample() {
        return null;
    }

    /** Looks at one statement. */
    public void check(StatementContext context) {
    }

    /** Looks at a whole migration, after its statements. */
    public void checkScript(ScriptContext context) {
    }

    /**
     * A statement that takes the lock the rule warns about.
     *
     * @param setup     statements that create what it needs (run first, committed)
     * @param statement the statement, run in an open transaction (or in the background when it must run
     *                  outside one) while a second connection reads pg_locks
     * @param relation  the relation whose lock is checked
     * @param lock      the lock the rule says the statement takes on it
     */
    public record LockExample(String setup, String statement, String relation, dev.zdm.core.sql.LockLevel lock) {
    }
}
