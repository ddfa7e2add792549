package dev.zdm.core.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The layouts of the extension's tables, oldest first. Version 1 is the layout flyway-zdm 0.1.0 created table by table
 * "if missing" (with no version row); each later version appends a step. Never edit a released step: add one.
 */
public final class StateMigrations {
    /** Ordered; version n is at index n - 1. */
    public static final List<StateMigration> ALL = List.of(
            new StateMigration(1, "backfill and statement progress tables (the flyway-zdm 0.1.0 layout)", StateMigrations::v1),
            new StateMigration(2, "zdm_backfill_progress.spec: the serialised backfill specification", StateMigrations::v2),
            new StateMigration(3, "zdm_phase_state, reserved for the phases of expand/contract migrations", StateMigrations::v3),
            new StateMigration(4, "zdm_phase_state: version, who, drain evidence and details of each phase", StateMigrations::v4),
            new StateMigration(5, "zdm_backfill_progress: background jobs (queued, paused, cancelled), operator requests, runner", StateMigrations::v5),
            new StateMigration(6, "zdm_stats_snapshot: table statistics before a migrate, for zdm:verify", StateMigrations::v6),
            new StateMigration(7, "zdm_backfill_budget: the rate budget the runners of a background job share", StateMigrations::v7),
            new StateMigration(8, "zdm_query_snapshot: query statistics (pg_stat_statements) before a migrate, for zdm:verify", StateMigrations::v8));

    /** The version this code writes and reads. */
    public static final int CURRENT = ALL.get(ALL.size() - 1).version();

    private StateMigrations() {
    }

    /** The tables of 0.1.0, exactly as it created them; the line-keyed statement table of earlier builds retired first. */
    static void v1(Connection connection, String schema) throws SQLException {
        LegacyStatementProgress.retire(connection, schema);
        String backfill = StateTables.qualified(schema, StateTables.BACKFILL_PROGRESS);
        if (!Relations.exists(connection, schema, StateTables.BACKFILL_PROGRESS)) {
            execute(connection, "CREATE TABLE IF NOT EXISTS " + backfill + " ("
                    + "backfill_id text PRIMARY KEY, "
                    + "target_table text NOT NULL, "
                    + "key_columns text[] NOT NULL, "
                    + "last_key text[], "
                    + "pass integer NOT NULL DEFAULT 1, "
                    + "rows_done bigint NOT NULL DEFAULT 0, "
                    + "rows_scanned bigint NOT NULL DEFAULT 0, "
                    + "batches bigint NOT NULL DEFAULT 0, "
                    + "state text NOT NULL CHECK (state IN ('running', 'failed', 'incomplete', 'done')), "
                    + "statement text NOT NULL, "
                    + "started_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                    + "updated_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                    + "finished_at timestamptz, "
                    + "active_ms bigint NOT NULL DEFAULT 0, "
                    + "last_error text)",
                    "COMMENT ON TABLE " + backfill + " IS 'flyway-zdm: progress of batched backfills, written in the same "
                            + "transaction as each batch; a re-run resumes after last_key'");
        }
        String statements = StateTables.qualified(schema, StateTables.STATEMENT_PROGRESS);
        if (!Relations.exists(connection, schema, StateTables.STATEMENT_PROGRESS)) {
            execute(connection, "CREATE TABLE IF NOT EXISTS " + statements + " (script text NOT NULL, ordinal integer NOT NULL, "
                    + "fingerprint text NOT NULL, state text NOT NULL CHECK (state IN ('started', 'running', 'done')), "
                    + "line integer NOT NULL, statement text NOT NULL, done_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                    + "PRIMARY KEY (script, ordinal))",
                    "COMMENT ON TABLE " + statements + " IS 'flyway-zdm: statements of a non-transactional migration already "
                            + "applied by a run that did not finish, by ordinal and fingerprint; the next run skips them'");
        }
    }

    /** The backfill's specification as JSON, so that a runner other than the declaring migration can run or resume it. */
    static void v2(Connection connection, String schema) throws SQLException {
        execute(connection, "ALTER TABLE " + StateTables.qualified(schema, StateTables.BACKFILL_PROGRESS) + " ADD COLUMN IF NOT EXISTS spec jsonb");
    }

    /** Reserved for the phases issue: which phase (expand, contract) of which migration is in which state. */
    static void v3(Connection connection, String schema) throws SQLException {
        String phases = StateTables.qualified(schema, StateTables.PHASE_STATE);
        if (!Relations.exists(connection, schema, StateTables.PHASE_STATE)) {
            execute(connection, "CREATE TABLE IF NOT EXISTS " + phases + " (migration text NOT NULL, phase text NOT NULL, "
                    + "state text NOT NULL, started_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                    + "updated_at timestamptz NOT NULL DEFAULT clock_timestamp(), finished_at timestamptz, "
                    + "PRIMARY KEY (migration, phase))",
                    "COMMENT ON TABLE " + phases + " IS 'flyway-zdm: state of each phase (expand, contract) of a migration; "
                            + "reserved, not written yet'");
        }
    }

    /**
     * The phases issue writes zdm_phase_state: the migration's Flyway version, who ran the phase (application_name,
     * database user, client address, host), the drain evidence seen at contract, and details (an operation migration's
     * class, a hold's statement baseline). All nullable: adding them is a catalog change only.
     */
    static void v4(Connection connection, String schema) throws SQLException {
        String phases = StateTables.qualified(schema, StateTables.PHASE_STATE);
        execute(connection, "ALTER TABLE " + phases + " ADD COLUMN IF NOT EXISTS version text, ADD COLUMN IF NOT EXISTS who jsonb, "
                + "ADD COLUMN IF NOT EXISTS evidence jsonb, ADD COLUMN IF NOT EXISTS detail jsonb",
                "COMMENT ON TABLE " + phases + " IS 'flyway-zdm: state of each phase (expand, migrate, contract) of a migration: "
                        + "done, held back, waiting for contract, rolled back; who ran it and the drain evidence seen'");
    }

    /**
     * Background backfills (issue 14): a job recorded by {@code migrate} and run later by any runner. {@code background}
     * marks it, {@code requested} holds an operator's pause or cancel until the runner honours it between batches,
     * {@code runner} names who took it last; the states gain queued (recorded, never run), paused and cancelled. The
     * state check is replaced (same name): a catalog change and a check of the few rows of this table.
     */
    static void v5(Connection connection, String schema) throws SQLException {
        String backfill = StateTables.qualified(schema, StateTables.BACKFILL_PROGRESS);
        execute(connection, "ALTER TABLE " + backfill + " ADD COLUMN IF NOT EXISTS background boolean NOT NULL DEFAULT false, "
                + "ADD COLUMN IF NOT EXISTS requested text, ADD COLUMN IF NOT EXISTS runner text, "
                + "DROP CONSTRAINT IF EXISTS zdm_backfill_progress_state_check, "
                + "ADD CONSTRAINT zdm_backfill_progress_state_check CHECK (state IN ('queued', 'running', 'paused', 'failed', 'incomplete', "
                + "'cancelled', 'done')), "
                + "DROP CONSTRAINT IF EXISTS zdm_backfill_progress_requested_check, "
                + "ADD CONSTRAINT zdm_backfill_progress_requested_check CHECK (requested IN ('pause', 'cancel'))");
    }

    /**
     * The statistics of the managed tables ({@code pg_stat_user_tables}) taken when a migrate starts on a database in
     * use, or on demand; {@code zdm:verify} compares them with now to find tables that became sequentially scanned. Only
     * the latest snapshot of a schema is kept ({@link TableStatsSnapshots}).
     */
    static void v6(Connection connection, String schema) throws SQLException {
        String snapshot = StateTables.qualified(schema, StateTables.STATS_SNAPSHOT);
        if (!Relations.exists(connection, schema, StateTables.STATS_SNAPSHOT)) {
            execute(connection, "CREATE TABLE IF NOT EXISTS " + snapshot + " (taken_at timestamptz NOT NULL, taken_by text NOT NULL, "
                    + "relid oid NOT NULL, schema_name text NOT NULL, table_name text NOT NULL, seq_scan bigint NOT NULL, "
                    + "idx_scan bigint NOT NULL, n_live_tup bigint NOT NULL, counted_since timestamptz NOT NULL, indexes text[] NOT NULL, "
                    + "PRIMARY KEY (taken_at, relid))",
                    "COMMENT ON TABLE " + snapshot + " IS 'flyway-zdm: scans of each managed table (pg_stat_user_tables) before the "
                            + "latest migrate, and its valid indexes; zdm:verify compares them with now'");
        }
    }

    /**
     * Background jobs split into units (partitions, key ranges) run on several runners at once; their rows-per-second limit
     * is the job's, not each runner's. One row per job (the id before {@code #partition=} / {@code #range=}): the time
     * up to which the rows already written use up the budget. Each runner, after a batch, pushes it on by
     * {@code rows / limit} and waits until then ({@code dev.zdm.core.backfill.RateBudget}). Existing checkpoint rows need no
     * change: a job without a row here gets one at its first batch.
     */
    static void v7(Connection connection, String schema) throws SQLException {
        String budget = StateTables.qualified(schema, StateTables.BACKFILL_BUDGET);
        if (!Relations.exists(connection, schema, StateTables.BACKFILL_BUDGET)) {
            execute(connection, "CREATE TABLE IF NOT EXISTS " + budget + " (job_id text PRIMARY KEY, "
                    + "rows_per_second bigint NOT NULL CHECK (rows_per_second > 0), next_at timestamptz NOT NULL, "
                    + "rows_done bigint NOT NULL DEFAULT 0, updated_at timestamptz NOT NULL DEFAULT clock_timestamp())",
                    "COMMENT ON TABLE " + budget + " IS 'flyway-zdm: rows-per-second budget of a background backfill job shared by "
                            + "all its runners: next_at is when the rows written so far have used it up'");
        }
    }

    /**
     * The application queries of the database as {@code pg_stat_statements} counts them when the table statistics are
     * taken (v6), with the position of Flyway's history then; {@code zdm:verify} compares each query's mean time since.
     * Only the latest snapshot is kept ({@link QueryStatsSnapshots}).
     */
    static void v8(Connection connection, String schema) throws SQLException {
        String snapshot = StateTables.qualified(schema, StateTables.QUERY_SNAPSHOT);
        if (!Relations.exists(connection, schema, StateTables.QUERY_SNAPSHOT)) {
            execute(connection, "CREATE TABLE IF NOT EXISTS " + snapshot + " (taken_at timestamptz NOT NULL, taken_by text NOT NULL, "
                    + "history_rank integer, queryid bigint NOT NULL, query text NOT NULL, calls bigint NOT NULL, "
                    + "total_exec_ms double precision NOT NULL, PRIMARY KEY (taken_at, queryid))",
                    "COMMENT ON TABLE " + snapshot + " IS 'flyway-zdm: calls and execution time of each application query "
                            + "(pg_stat_statements) before the latest migrate; zdm:verify compares them with now'");
        }
    }

    private static void execute(Connection connection, String... sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String one : sql) {
                s.execute(one);
            }
        }
    }
}
