package dev.zdm.core.state;

/**
 * The advisory-lock classes of the extension: the first key of the two-key form {@code pg_advisory_lock(int4, int4)}.
 * The second key is {@code hashtext(...)} of what is locked. All classes are "zD" followed by one letter, so that a
 * look at pg_locks ({@code classid}) tells which lock of flyway-zdm a session holds; a new lock takes a new letter.
 * Flyway's own lock uses the one-key form, so it never collides with these.
 */
public final class StateLocks {
    /**
     * "zDM": one run per backfill id at a time; session-level, second key {@code hashtext(backfill id)}. Its value is
     * the one of flyway-zdm 0.1.0, so that an old and a new version still exclude each other.
     */
    public static final int BACKFILL_RUN = 0x7A444D;
    /**
     * "zDS": one upgrade of the state tables of a schema at a time; transaction-level, second key
     * {@code hashtext(schema)}.
     */
    public static final int STATE_UPGRADE = 0x7A4453;

    /**
     * "zDP": one deployer at a time runs a phase command ({@code zdm:expand}, {@code zdm:contract}, {@code zdm:rollback})
     * on a history; session-level, second key {@code hashtext(history schema)}.
     */
    public static final int DEPLOY = 0x7A4450;

    private StateLocks() {
    }
}
