package dev.zdm.core.sql;

import static dev.zdm.core.sql.LockLevel.ACCESS_EXCLUSIVE;
import static dev.zdm.core.sql.LockLevel.EXCLUSIVE;
import static dev.zdm.core.sql.LockLevel.ROW_EXCLUSIVE;
import static dev.zdm.core.sql.LockLevel.SHARE;
import static dev.zdm.core.sql.LockLevel.SHARE_ROW_EXCLUSIVE;
import static dev.zdm.core.sql.LockLevel.SHARE_UPDATE_EXCLUSIVE;

/**
 * The one table of the table-level lock each statement form (and each ALTER TABLE subcommand) takes, and on which
 * relation; the parser looks every lock claim up here. The source is PostgreSQL's documentation: "Explicit Locking"
 * (table-level lock modes), the reference page of each command, and for ALTER TABLE the lock named for each subcommand
 * (which follows {@code AlterTableGetLockLevel} in {@code tablecmds.c}). {@code RuleLockLevelTest} runs an example of
 * every entry on a real server and reads the lock it holds from {@code pg_locks}, so a wrong entry fails by name.
 */
public enum StatementLocks {
    CREATE_INDEX("CREATE INDEX", "the indexed table", SHARE),
    CREATE_INDEX_CONCURRENTLY("CREATE INDEX CONCURRENTLY", "the indexed table", SHARE_UPDATE_EXCLUSIVE),
    CREATE_TABLE_PARTITION_OF("CREATE TABLE ... PARTITION OF", "the partitioned table", ACCESS_EXCLUSIVE),
    CREATE_TABLE_REFERENCES("CREATE TABLE ... REFERENCES", "the referenced table", SHARE_ROW_EXCLUSIVE),
    CREATE_TRIGGER("CREATE TRIGGER", "the table", SHARE_ROW_EXCLUSIVE),
    CREATE_POLICY("CREATE POLICY", "the table", ACCESS_EXCLUSIVE),
    CREATE_RULE("CREATE RULE", "the table", ACCESS_EXCLUSIVE),

    DROP("DROP TABLE | INDEX | VIEW | MATERIALIZED VIEW", "each dropped relation", ACCESS_EXCLUSIVE),
    DROP_CONCURRENTLY("DROP INDEX CONCURRENTLY", "each dropped index", SHARE_UPDATE_EXCLUSIVE),
    REINDEX_INDEX("REINDEX INDEX", "the index", ACCESS_EXCLUSIVE),
    REINDEX_TABLE("REINDEX TABLE", "the table", SHARE),
    REINDEX_CONCURRENTLY("REINDEX ... CONCURRENTLY", "the index or table", SHARE_UPDATE_EXCLUSIVE),
    REFRESH_MATERIALIZED_VIEW("REFRESH MATERIALIZED VIEW", "the view", ACCESS_EXCLUSIVE),
    REFRESH_MATERIALIZED_VIEW_CONCURRENTLY("REFRESH MATERIALIZED VIEW CONCURRENTLY", "the view", EXCLUSIVE),
    CLUSTER("CLUSTER", "the table", ACCESS_EXCLUSIVE),
    VACUUM("VACUUM", "each table", SHARE_UPDATE_EXCLUSIVE),
    VACUUM_FULL("VACUUM FULL", "each table", ACCESS_EXCLUSIVE),
    /** PostgreSQL 19. */
    REPACK("REPACK", "the table", ACCESS_EXCLUSIVE),
    /** PostgreSQL 19: ACCESS EXCLUSIVE only for the final swap. */
    REPACK_CONCURRENTLY("REPACK (CONCURRENTLY)", "the table", SHARE_UPDATE_EXCLUSIVE),
    ANALYZE("ANALYZE", "each table", SHARE_UPDATE_EXCLUSIVE),
    TRUNCATE("TRUNCATE", "each table", ACCESS_EXCLUSIVE),
    /** {@code LOCK TABLE t} without {@code IN ... MODE}; with it, the mode written. */
    LOCK_TABLE("LOCK TABLE", "each table", ACCESS_EXCLUSIVE),
    INSERT("INSERT", "the table", ROW_EXCLUSIVE),
    UPDATE("UPDATE", "the table", ROW_EXCLUSIVE),
    DELETE("DELETE", "the table", ROW_EXCLUSIVE),
    MERGE("MERGE", "the target table", ROW_EXCLUSIVE),
    COPY_FROM("COPY ... FROM", "the table", ROW_EXCLUSIVE),

    ALTER_INDEX_ATTACH_PARTITION("ALTER INDEX ... ATTACH PARTITION", "the partitioned index", SHARE_UPDATE_EXCLUSIVE),
    ALTER_INDEX_RENAME("ALTER INDEX ... RENAME TO", "the index", SHARE_UPDATE_EXCLUSIVE),
    ALTER_INDEX_SET_TABLESPACE("ALTER INDEX ... SET TABLESPACE", "the index", ACCESS_EXCLUSIVE),
    ALTER_INDEX_OTHER("ALTER INDEX ... SET (...) | RESET (...) | ALTER COLUMN ... SET STATISTICS", "the index",
            SHARE_UPDATE_EXCLUSIVE),
    /** Right for RENAME, SET SCHEMA, SET TABLESPACE, OWNER TO; SET (...) and CLUSTER ON take less (claimed as stronger). */
    ALTER_MATERIALIZED_VIEW("ALTER MATERIALIZED VIEW", "the view", ACCESS_EXCLUSIVE),

    ADD_COLUMN("ALTER TABLE ... ADD COLUMN", "the table", ACCESS_EXCLUSIVE),
    DROP_COLUMN("ALTER TABLE ... DROP COLUMN", "the table", ACCESS_EXCLUSIVE),
    ALTER_COLUMN_TYPE("ALTER TABLE ... ALTER COLUMN ... TYPE", "the table", ACCESS_EXCLUSIVE),
    SET_NOT_NULL("ALTER TABLE ... ALTER COLUMN ... SET NOT NULL", "the table", ACCESS_EXCLUSIVE),
    DROP_NOT_NULL("ALTER TABLE ... ALTER COLUMN ... DROP NOT NULL", "the table", ACCESS_EXCLUSIVE),
    COLUMN_DEFAULT("ALTER TABLE ... ALTER COLUMN ... SET DEFAULT | DROP DEFAULT", "the table", ACCESS_EXCLUSIVE),
    COLUMN_STATISTICS("ALTER TABLE ... ALTER COLUMN ... SET STATISTICS", "the table", SHARE_UPDATE_EXCLUSIVE),
    COLUMN_OPTIONS("ALTER TABLE ... ALTER COLUMN ... SET (...) | RESET (...)", "the table", SHARE_UPDATE_EXCLUSIVE),
    ALTER_COLUMN_OTHER("ALTER TABLE ... ALTER COLUMN ... (any other: SET STORAGE, identity, ...)", "the table",
            ACCESS_EXCLUSIVE),
    ADD_CONSTRAINT("ALTER TABLE ... ADD CONSTRAINT (CHECK, UNIQUE, PRIMARY KEY, EXCLUDE, NOT NULL)", "the table",
            ACCESS_EXCLUSIVE),
    ADD_FOREIGN_KEY("ALTER TABLE ... ADD FOREIGN KEY", "the table and the referenced table", SHARE_ROW_EXCLUSIVE),
    VALIDATE_CONSTRAINT("ALTER TABLE ... VALIDATE CONSTRAINT", "the table", SHARE_UPDATE_EXCLUSIVE),
    DROP_CONSTRAINT("ALTER TABLE ... DROP CONSTRAINT", "the table", ACCESS_EXCLUSIVE),
    ALTER_CONSTRAINT("ALTER TABLE ... ALTER CONSTRAINT", "the table", ACCESS_EXCLUSIVE),
    RENAME_COLUMN("ALTER TABLE ... RENAME COLUMN", "the table", ACCESS_EXCLUSIVE),
    RENAME_TABLE("ALTER TABLE ... RENAME TO", "the table", ACCESS_EXCLUSIVE),
    RENAME_CONSTRAINT("ALTER TABLE ... RENAME CONSTRAINT", "the table", ACCESS_EXCLUSIVE),
    SET_TABLESPACE("ALTER TABLE ... SET TABLESPACE", "the table", ACCESS_EXCLUSIVE),
    SET_LOGGED("ALTER TABLE ... SET LOGGED | UNLOGGED", "the table", ACCESS_EXCLUSIVE),
    SET_ACCESS_METHOD("ALTER TABLE ... SET ACCESS METHOD", "the table", ACCESS_EXCLUSIVE),
    SET_SCHEMA("ALTER TABLE ... SET SCHEMA", "the table", ACCESS_EXCLUSIVE),
    SET_STORAGE_PARAMETERS("ALTER TABLE ... SET (...) | RESET (...) (fillfactor, autovacuum_*, ...)", "the table",
            SHARE_UPDATE_EXCLUSIVE),
    CLUSTER_ON("ALTER TABLE ... CLUSTER ON | SET WITHOUT CLUSTER", "the table", SHARE_UPDATE_EXCLUSIVE),
    TOGGLE_TRIGGER("ALTER TABLE ... ENABLE | DISABLE TRIGGER", "the table", SHARE_ROW_EXCLUSIVE),
    TOGGLE_OTHER("ALTER TABLE ... ENABLE | DISABLE RULE | ROW LEVEL SECURITY", "the table", ACCESS_EXCLUSIVE),
    OWNER_TO("ALTER TABLE ... OWNER TO", "the table", ACCESS_EXCLUSIVE),
    ATTACH_PARTITION("ALTER TABLE ... ATTACH PARTITION", "the partitioned table", SHARE_UPDATE_EXCLUSIVE),
    ATTACHED_PARTITION("ALTER TABLE ... ATTACH PARTITION", "the partition attached", ACCESS_EXCLUSIVE),
    DETACH_PARTITION("ALTER TABLE ... DETACH PARTITION", "the partitioned table and the partition", ACCESS_EXCLUSIVE),
    /**
     * The first of its two transactions. The second, once no query of the partitioned table uses the partition any
     * more, takes ACCESS EXCLUSIVE on the partition (PostgreSQL's ALTER TABLE page; {@code RuleLockLevelTest} shows it):
     * not claimed here, since only queries naming the partition itself wait for it, and a lock_timeout there would
     * leave the detach pending (to be completed with {@code DETACH PARTITION ... FINALIZE}).
     */
    DETACH_PARTITION_CONCURRENTLY("ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY",
            "the partitioned table and the partition", SHARE_UPDATE_EXCLUSIVE),
    /** Any subcommand not listed above (REPLICA IDENTITY, INHERIT, ...): PostgreSQL's default for ALTER TABLE. */
    ALTER_TABLE_OTHER("ALTER TABLE ... (any other subcommand)", "the table", ACCESS_EXCLUSIVE);

    private final String form;
    private final String relation;
    private final LockLevel level;

    StatementLocks(String form, String relation, LockLevel level) {
        this.form = form;
        this.relation = relation;
        this.level = level;
    }

    /** The statement form as the documentation writes it, e.g. {@code ALTER TABLE ... VALIDATE CONSTRAINT}. */
    public String form() {
        return form;
    }

    /** Which relation the lock is on, in words. */
    public String relation() {
        return relation;
    }

    public LockLevel level() {
        return level;
    }

    @Override
    public String toString() {
        return form + ": " + level.sql() + " on " + relation;
    }
}
