package dev.zdm.core.state;

import dev.zdm.core.sql.Identifiers;

/** The names of the extension's tables; they all live in one schema (for Flyway: next to flyway_schema_history). */
public final class StateTables {
    /** Progress of batched backfills, one row per backfill id, written in the same transaction as each batch. */
    public static final String BACKFILL_PROGRESS = "zdm_backfill_progress";
    /** Statements of an unfinished non-transactional migration already applied, by ordinal and fingerprint. */
    public static final String STATEMENT_PROGRESS = "zdm_statement_progress";
    /** Where the first, line-keyed statement-progress table is kept when it held rows (see {@link LegacyStatementProgress}). */
    public static final String STATEMENT_PROGRESS_V1 = "zdm_statement_progress_v1";
    /** Reserved for the phases of expand/contract migrations (created empty; the phases issue fills it). */
    public static final String PHASE_STATE = "zdm_phase_state";
    /** The latest statistics snapshot of the managed tables (pg_stat_user_tables), taken before a migrate; zdm:verify compares. */
    public static final String STATS_SNAPSHOT = "zdm_stats_snapshot";
    /** One row per background job with a rate limit: the rows-per-second budget its runners share (state version 7). */
    public static final String BACKFILL_BUDGET = "zdm_backfill_budget";
    /** The latest query statistics snapshot (pg_stat_statements), taken with the table statistics; zdm:verify compares. */
    public static final String QUERY_SNAPSHOT = "zdm_query_snapshot";
    /** One row: the version of the layout of these tables, and which flyway-zdm wrote it. */
    public static final String STATE_VERSION = "zdm_state_version";

    private StateTables() {
    }

    /** {@code "schema"."table"}, quoted. */
    public static String qualified(String schema, String table) {
        return Identifiers.qualified(schema, table);
    }
}
