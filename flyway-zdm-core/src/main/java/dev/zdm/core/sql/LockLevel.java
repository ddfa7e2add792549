package dev.zdm.core.sql;

/** PostgreSQL's table-level lock modes, weakest first, and what each one blocks. */
public enum LockLevel {
    ACCESS_SHARE("ACCESS SHARE", "nothing but ACCESS EXCLUSIVE"),
    ROW_SHARE("ROW SHARE", "EXCLUSIVE and ACCESS EXCLUSIVE"),
    ROW_EXCLUSIVE("ROW EXCLUSIVE", "SHARE locks (CREATE INDEX) and stronger"),
    SHARE_UPDATE_EXCLUSIVE("SHARE UPDATE EXCLUSIVE", "other schema changes and VACUUM, but neither reads nor writes"),
    SHARE("SHARE", "writes (INSERT, UPDATE, DELETE); reads go on"),
    SHARE_ROW_EXCLUSIVE("SHARE ROW EXCLUSIVE", "writes (INSERT, UPDATE, DELETE); reads go on"),
    EXCLUSIVE("EXCLUSIVE", "writes and SELECT ... FOR UPDATE; plain reads go on"),
    ACCESS_EXCLUSIVE("ACCESS EXCLUSIVE", "everything, including SELECT");

    private final String sql;
    private final String blocks;

    LockLevel(String sql, String blocks) {
        this.sql = sql;
        this.blocks = blocks;
    }

    /** The words of {@code LOCK TABLE ... IN <mode> MODE}, e.g. {@code SHARE UPDATE EXCLUSIVE}. */
    public String sql() {
        return sql;
    }

    /** What traffic waits while the lock is held (or queued), in words for messages. */
    public String blocks() {
        return blocks;
    }

    /** True when ordinary INSERT/UPDATE/DELETE wait for this lock. */
    public boolean blocksWrites() {
        return compareTo(SHARE) >= 0;
    }

    /** True when plain SELECTs wait for this lock. */
    public boolean blocksReads() {
        return this == ACCESS_EXCLUSIVE;
    }

    public static LockLevel max(LockLevel a, LockLevel b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
