package dev.zdm.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.core.backfill.BackfillCheckpoint;
import dev.zdm.core.backfill.BackfillCheckpoints;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The upgrade of the extension's tables from the layout flyway-zdm 0.1.0 created (no version row) to the current one:
 * rows kept, new column and tables there, a second upgrade a no-op, concurrent upgrades harmless, a newer layout refused.
 * Each test works in a schema of its own.
 */
@PostgresTest
class StateUpgradeTest {

    /** The 0.1.0 zdm_backfill_progress, exactly as BackfillCheckpoints.ensureTable created it (a fixture: never edit). */
    private static String[] backfillProgress010(String schema) {
        String t = "\"" + schema + "\".\"zdm_backfill_progress\"";
        return new String[] {"CREATE TABLE IF NOT EXISTS " + t + " ("
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
                "COMMENT ON TABLE " + t + " IS 'flyway-zdm: progress of batched backfills, written in the same "
                        + "transaction as each batch; a re-run resumes after last_key'",
                "INSERT INTO " + t + " (backfill_id, target_table, key_columns, last_key, rows_done, rows_scanned, batches, state, statement)"
                        + " VALUES ('V3__Fill_tiers', '\"public\".\"members\"', '{id}', '{3000}', 3000, 3000, 6, 'failed', 'UPDATE members SET tier = 1'),"
                        + " ('V4__fill.sql#ab12cd', '\"public\".\"orders\"', '{region,id}', NULL, 0, 0, 0, 'running', 'UPDATE orders SET x = 1'),"
                        + " ('V4__fill.sql#ab12cd.2', '\"public\".\"orders\"', '{region,id}', '{eu,7}', 70, 70, 1, 'done', 'UPDATE orders SET x = 1')"};
    }

    /** The 0.1.0 zdm_statement_progress, exactly as StatementProgress created it (a fixture: never edit). */
    private static String[] statementProgress010(String schema) {
        String t = "\"" + schema + "\".\"zdm_statement_progress\"";
        return new String[] {"CREATE TABLE IF NOT EXISTS " + t + " (script text NOT NULL, ordinal integer NOT NULL, "
                + "fingerprint text NOT NULL, state text NOT NULL CHECK (state IN ('started', 'running', 'done')), "
                + "line integer NOT NULL, statement text NOT NULL, done_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                + "PRIMARY KEY (script, ordinal))",
                "COMMENT ON TABLE " + t + " IS 'flyway-zdm: statements of a non-transactional migration already "
                        + "applied by a run that did not finish, by ordinal and fingerprint; the next run skips them'",
                "INSERT INTO " + t + " (script, ordinal, fingerprint, state, line, statement) VALUES"
                        + " ('V5__indexes.sql', 0, '', 'started', 0, '(migration started)'),"
                        + " ('V5__indexes.sql', 1, 'f00d', 'done', 3, 'CREATE INDEX CONCURRENTLY a_idx ON a (x)')"};
    }

    /** The line-keyed statement table of the first builds, which 0.1.0 retired (a fixture: never edit). */
    private static String[] legacyStatementProgress(String schema, boolean withRows) {
        String t = "\"" + schema + "\".\"zdm_statement_progress\"";
        List<String> sql = new ArrayList<>(List.of("CREATE TABLE IF NOT EXISTS " + t + " (script text NOT NULL, checksum integer, "
                + "line integer NOT NULL, statement text NOT NULL, done_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                + "PRIMARY KEY (script, line))",
                "COMMENT ON TABLE " + t + " IS 'flyway-zdm: statements of a non-transactional migration already "
                        + "applied by a run that did not finish; the next run skips them'"));
        if (withRows) {
            sql.add("INSERT INTO " + t + " (script, checksum, line, statement) VALUES ('V2__old.sql', 42, 1, 'CREATE INDEX CONCURRENTLY b_idx ON b (y)')");
        }
        return sql.toArray(String[]::new);
    }

    private static void layout010(TestDatabase db, String schema) throws Exception {
        db.execute("CREATE SCHEMA \"" + schema + "\"");
        db.execute(backfillProgress010(schema));
        db.execute(statementProgress010(schema));
    }

    private static boolean upgrade(TestDatabase db, String schema) throws Exception {
        try (Connection c = db.connect()) {
            return ExtensionState.upgrade(c, schema);
        }
    }

    private static long count(TestDatabase db, String sql) throws Exception {
        return db.queryLong(sql);
    }

    /**
     * Tables at state version 6 (before the shared rate budget): the upgrade to 7 adds zdm_backfill_budget and leaves the
     * background jobs as they were.
     */
    @Test
    void version6IsUpgradedWithTheRateBudgetTableAndItsJobsKept(TestDatabase db) throws Exception {
        layout010(db, "s6");
        try (Connection c = db.connect()) {
            for (StateMigration step : StateMigrations.ALL.subList(0, 6)) {
                step.change().apply(c, "s6");
            }
        }
        db.execute("CREATE TABLE s6.zdm_state_version (id boolean PRIMARY KEY DEFAULT true CHECK (id), schema_version integer NOT NULL,"
                        + " written_by text NOT NULL, updated_at timestamptz NOT NULL DEFAULT clock_timestamp())",
                "INSERT INTO s6.zdm_state_version (schema_version, written_by) VALUES (6, '0.1.0')",
                "UPDATE s6.zdm_backfill_progress SET background = true, state = 'queued' WHERE backfill_id = 'V3__Fill_tiers'");
        String before = db.queryString("SELECT string_agg(t::text, ' | ' ORDER BY backfill_id) FROM s6.zdm_backfill_progress t");
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 's6' AND tablename = 'zdm_backfill_budget'")).isZero();

        assertThat(upgrade(db, "s6")).isTrue();
        assertThat(count(db, "SELECT schema_version FROM s6.zdm_state_version")).isEqualTo(StateMigrations.CURRENT);
        assertThat(count(db, "SELECT count(*) FROM s6.zdm_backfill_budget")).isZero();
        assertThat(db.queryString("SELECT string_agg(t::text, ' | ' ORDER BY backfill_id) FROM s6.zdm_backfill_progress t")).isEqualTo(before);
    }

    @Test
    void the010LayoutIsUpgradedWithItsRowsAndASecondUpgradeIsANoOp(TestDatabase db) throws Exception {
        layout010(db, "s010");
        String before = db.queryString("SELECT string_agg(t::text, ' | ' ORDER BY backfill_id) FROM s010.zdm_backfill_progress t");
        String statementsBefore = db.queryString("SELECT string_agg(t::text, ' | ' ORDER BY ordinal) FROM s010.zdm_statement_progress t");

        assertThat(upgrade(db, "s010")).as("an upgrade ran").isTrue();

        try (Connection c = db.connect()) {
            StateVersion version = ExtensionState.version(c, "s010").orElseThrow();
            assertThat(version.schemaVersion()).isEqualTo(StateMigrations.CURRENT);
            assertThat(version.writtenBy()).isEqualTo(ExtensionState.codeVersion());
            assertThat(version.updatedAt()).isNotNull();
            BackfillCheckpoint tiers = BackfillCheckpoints.find(c, "s010", "V3__Fill_tiers").orElseThrow();
            assertThat(tiers.summary()).isEqualTo("state failed, 3000 rows done, last key [3000]");
        }
        assertThat(count(db, "SELECT count(*) FROM s010.zdm_state_version")).isEqualTo(1);
        // the old columns, in the old order, with the old values: the new columns come last (spec empty, background false)
        assertThat(db.queryString("SELECT string_agg(ROW(backfill_id, target_table, key_columns, last_key, pass, rows_done, rows_scanned, "
                + "batches, state, statement, started_at, updated_at, finished_at, active_ms, last_error)::text, ' | ' ORDER BY backfill_id) "
                + "FROM s010.zdm_backfill_progress t")).isEqualTo(before);
        assertThat(count(db, "SELECT count(*) FROM s010.zdm_backfill_progress WHERE background OR requested IS NOT NULL OR runner IS NOT NULL"))
                .isZero();
        assertThat(count(db, "SELECT count(*) FROM s010.zdm_backfill_progress WHERE spec IS NULL")).isEqualTo(3);
        assertThat(db.queryString("SELECT format_type(atttypid, atttypmod) || ' ' || attnotnull FROM pg_attribute "
                + "WHERE attrelid = 's010.zdm_backfill_progress'::regclass AND attname = 'spec'")).isEqualTo("jsonb false");
        assertThat(db.queryString("SELECT string_agg(t::text, ' | ' ORDER BY ordinal) FROM s010.zdm_statement_progress t"))
                .isEqualTo(statementsBefore);
        assertThat(count(db, "SELECT count(*) FROM s010.zdm_phase_state")).isZero();

        String stamp = db.queryString("SELECT updated_at::text FROM s010.zdm_state_version");
        String catalog = db.queryString("SELECT string_agg(c.relname || ':' || c.relfilenode, ',' ORDER BY c.relname) FROM pg_class c "
                + "WHERE c.relnamespace = 's010'::regnamespace");
        assertThat(upgrade(db, "s010")).as("the second upgrade finds nothing to do").isFalse();
        try (Connection c = db.connect()) {
            ExtensionState.ensure(c, "s010");
        }
        assertThat(db.queryString("SELECT updated_at::text FROM s010.zdm_state_version")).isEqualTo(stamp);
        assertThat(db.queryString("SELECT string_agg(c.relname || ':' || c.relfilenode, ',' ORDER BY c.relname) FROM pg_class c "
                + "WHERE c.relnamespace = 's010'::regnamespace")).isEqualTo(catalog);
    }

    @Test
    void anEmptySchemaGetsEveryTableAtTheCurrentVersion(TestDatabase db) throws Exception {
        db.execute("CREATE SCHEMA \"Fresh Schema\"");
        try (Connection c = db.connect()) {
            ExtensionState.ensure(c, "Fresh Schema");
            assertThat(ExtensionState.version(c, "Fresh Schema").orElseThrow().schemaVersion()).isEqualTo(StateMigrations.CURRENT);
            for (String table : List.of(StateTables.BACKFILL_PROGRESS, StateTables.STATEMENT_PROGRESS, StateTables.PHASE_STATE,
                    StateTables.STATE_VERSION)) {
                assertThat(Relations.exists(c, "Fresh Schema", table)).as(table).isTrue();
            }
            assertThat(Relations.exists(c, "Fresh Schema", StateTables.STATEMENT_PROGRESS_V1)).isFalse();
            assertThat(c.getAutoCommit()).as("autocommit restored").isTrue();
        }
        assertThat(db.queryString("SELECT obj_description('\"Fresh Schema\".zdm_backfill_progress'::regclass, 'pg_class')"))
                .startsWith("flyway-zdm: progress of batched backfills");
    }

    @Test
    void theLineKeyedTableOfTheFirstBuildsIsKeptUnderItsOldNameWhenItHasRowsAndDroppedWhenEmpty(TestDatabase db) throws Exception {
        db.execute("CREATE SCHEMA legacy_rows", "CREATE SCHEMA legacy_empty");
        db.execute(backfillProgress010("legacy_rows"));
        db.execute(legacyStatementProgress("legacy_rows", true));
        db.execute(legacyStatementProgress("legacy_empty", false));

        upgrade(db, "legacy_rows");
        upgrade(db, "legacy_empty");

        assertThat(db.queryString("SELECT script || ' ' || checksum || ' ' || line || ' ' || statement FROM legacy_rows.zdm_statement_progress_v1"))
                .isEqualTo("V2__old.sql 42 1 CREATE INDEX CONCURRENTLY b_idx ON b (y)");
        assertThat(count(db, "SELECT count(*) FROM legacy_rows.zdm_statement_progress")).isZero();
        assertThat(count(db, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'legacy_rows.zdm_statement_progress'::regclass "
                + "AND attname = 'fingerprint'")).isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM legacy_rows.zdm_backfill_progress")).isEqualTo(3);
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'legacy_empty' AND tablename = 'zdm_statement_progress_v1'"))
                .isZero();
        assertThat(count(db, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'legacy_empty.zdm_statement_progress'::regclass "
                + "AND attname = 'fingerprint'")).isEqualTo(1);
    }

    @Test
    void concurrentUpgradesTakeTurnsAndNoneFails(TestDatabase db) throws Exception {
        layout010(db, "race");
        db.execute("CREATE SCHEMA race_fresh");
        int sessions = 4;
        CyclicBarrier start = new CyclicBarrier(sessions);
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                String schema = i % 2 == 0 ? "race" : "race_fresh";
                Callable<Boolean> upgrade = () -> {
                    try (Connection c = db.connect()) {
                        start.await(10, TimeUnit.SECONDS);
                        return ExtensionState.upgrade(c, schema);
                    }
                };
                results.add(pool.submit(upgrade));
            }
            int upgraded = 0;
            for (Future<Boolean> result : results) {
                upgraded += result.get(30, TimeUnit.SECONDS) ? 1 : 0; // rethrows a failed upgrade
            }
            assertThat(upgraded).as("one upgrade per schema; the others found it done").isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        for (String schema : List.of("race", "race_fresh")) {
            assertThat(db.queryLong("SELECT schema_version FROM " + schema + ".zdm_state_version")).isEqualTo(StateMigrations.CURRENT);
        }
        assertThat(count(db, "SELECT count(*) FROM race.zdm_backfill_progress")).isEqualTo(3);
        assertThat(count(db, "SELECT count(*) FROM race.zdm_statement_progress")).isEqualTo(2);
    }

    @Test
    void aLayoutNewerThanTheCodeIsRefusedAndLeftAlone(TestDatabase db) throws Exception {
        layout010(db, "newer");
        upgrade(db, "newer");
        db.execute("UPDATE newer.zdm_state_version SET schema_version = " + (StateMigrations.CURRENT + 1) + ", written_by = '9.9.9'");

        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> ExtensionState.ensure(c, "newer"))
                    .isInstanceOf(StateVersionException.class)
                    .hasMessageContaining("flyway-zdm's tables in schema newer are at state version " + (StateMigrations.CURRENT + 1)
                            + ", written by flyway-zdm 9.9.9")
                    .hasMessageContaining("knows state versions up to " + StateMigrations.CURRENT)
                    .hasMessageContaining("Upgrade flyway-zdm");
            assertThatThrownBy(() -> BackfillCheckpoints.ensureTable(c, "newer")).isInstanceOf(StateVersionException.class);
            // reads of the rows still work: a report can show what the newer version recorded
            assertThat(BackfillCheckpoints.all(c, "newer")).hasSize(3);
        }
        assertThat(db.queryLong("SELECT schema_version FROM newer.zdm_state_version")).isEqualTo(StateMigrations.CURRENT + 1);
    }

    @Test
    void anUpgradeThatCannotGetItsLockChangesNothingAndSaysWhy(TestDatabase db) throws Exception {
        layout010(db, "busy");
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("LOCK TABLE busy.zdm_backfill_progress IN ACCESS SHARE MODE"); // a reader in a long transaction
            }
            try (Connection c = db.connect()) {
                assertThatThrownBy(() -> ExtensionState.ensure(c, "busy"))
                        .isInstanceOf(StateVersionException.class)
                        .hasMessageContaining("could not upgrade its tables in schema busy from state version 0 to " + StateMigrations.CURRENT)
                        .hasMessageContaining("lock_timeout of 5s")
                        .hasMessageContaining("Nothing was changed");
                assertThat(c.getAutoCommit()).isTrue();
            }
            holder.rollback();
        }
        assertThat(count(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'busy' AND tablename IN ('zdm_state_version', 'zdm_phase_state')"))
                .isZero();
        assertThat(count(db, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'busy.zdm_backfill_progress'::regclass AND attname = 'spec'"))
                .isZero();
        assertThat(upgrade(db, "busy")).as("once the lock is free, the upgrade runs").isTrue();
    }

    @Test
    void insideTheCallersTransactionTheUpgradeFollowsItAndLeavesItsSettingsAsTheyWere(TestDatabase db) throws Exception {
        db.execute("CREATE SCHEMA in_tx");
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '777ms'");
            }
            ExtensionState.ensure(c, "in_tx");
            assertThat(Relations.exists(c, "in_tx", StateTables.BACKFILL_PROGRESS)).isTrue();
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT current_setting('lock_timeout'), current_setting('role')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("777ms");
                assertThat(rs.getString(2)).isEqualTo("none");
            }
            c.rollback();
            // rolled back with the caller's transaction: the next ensure on the same connection must see that
            ExtensionState.ensure(c, "in_tx");
            c.commit();
        }
        assertThat(db.queryLong("SELECT schema_version FROM in_tx.zdm_state_version")).isEqualTo(StateMigrations.CURRENT);
    }

    @Test
    void theSpecificationOfABackfillIsStoredAndReadBack(TestDatabase db) throws Exception {
        layout010(db, "specs");
        String json = "{\"set\": \"tier = 'basic'\", \"table\": \"members\", \"batch\": {\"rows\": 500, \"keys\": [\"id\"]}, \"where\": null}";
        try (Connection c = db.connect()) {
            assertThat(BackfillCheckpoints.spec(c, "specs", "V3__Fill_tiers")).as("upgraded, no specification yet").isEmpty();
            assertThat(BackfillCheckpoints.saveSpec(c, "specs", "V3__Fill_tiers", json)).isTrue();
            assertThat(BackfillCheckpoints.saveSpec(c, "specs", "no such backfill", json)).isFalse();
            String stored = BackfillCheckpoints.spec(c, "specs", "V3__Fill_tiers").orElseThrow();
            try (var ps = c.prepareStatement("SELECT ?::jsonb = ?::jsonb")) {
                ps.setString(1, stored);
                ps.setString(2, json);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).as(stored).isTrue();
                }
            }
            assertThat(BackfillCheckpoints.spec(c, "specs", "no such backfill")).isEmpty();
            assertThatThrownBy(() -> BackfillCheckpoints.saveSpec(c, "specs", "V3__Fill_tiers", "{not json"))
                    .hasMessageContaining("invalid input syntax for type json");
        }
        assertThat(db.queryString("SELECT spec ->> 'table' FROM specs.zdm_backfill_progress WHERE backfill_id = 'V3__Fill_tiers'"))
                .isEqualTo("members");
    }
}
