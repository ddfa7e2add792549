package dev.zdm.test.concurrency;

/** The table-level lock modes of PostgreSQL, weakest first, as {@code LOCK TABLE} and {@code pg_locks} spell them. */
public enum LockMode {
    ACCESS_SHARE("ACCESS SHARE", "AccessShareLock"),
    ROW_SHARE("ROW SHARE", "RowShareLock"),
    ROW_EXCLUSIVE("ROW EXCLUSIVE", "RowExclusiveLock"),
    SHARE_UPDATE_EXCLUSIVE("SHARE UPDATE EXCLUSIVE", "ShareUpdateExclusiveLock"),
    SHARE("SHARE", "ShareLock"),
    SHARE_ROW_EXCLUSIVE("SHARE ROW EXCLUSIVE", "ShareRowExclusiveLock"),
    EXCLUSIVE("EXCLUSIVE", "ExclusiveLock"),
    ACCESS_EXCLUSIVE("ACCESS EXCLUSIVE", "AccessExclusiveLock");

    private final String sql;
    private final String pgLocksName;

    LockMode(String sql, String pgLocksName) {
        this.sql = sql;
        this.pgLocksName = pgLocksName;
    }

    /** The words of {@code LOCK TABLE ... IN <mode> MODE}. */
    public String sql() {
        return sql;
    }

    /** The value of {@code pg_locks.mode}. */
    public String pgLocksName() {
        return pgLocksName;
    }

    public static LockMode fromPgLocks(String mode) {
        for (LockMode m : values()) {
            if (m.pgLocksName.equals(mode)) {
                return m;
            }
        }
        throw new IllegalArgumentException("not a table lock mode: " + mode);
    }
}
