package dev.zdm.flyway.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.flyway.ZdmCommands;
import dev.zdm.flyway.internal.checklist.ChecklistOptions;
import dev.zdm.flyway.internal.checklist.ChecklistReport;
import dev.zdm.flyway.internal.checklist.ChecklistReport.ItemResult;
import dev.zdm.flyway.internal.checklist.Evidence;
import dev.zdm.flyway.internal.checklist.Rehearsal;
import dev.zdm.flyway.internal.checklist.RehearsalFile;
import dev.zdm.flyway.internal.checklist.Tick;
import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import dev.zdm.test.concurrency.Blocker;
import dev.zdm.test.concurrency.LockMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ZdmCommands.checklist()} on a real server: schema {@code data} holds {@code orders} (1,000,000 rows, analyzed),
 * {@code small} (100 rows) and {@code empty}; each test writes pending migrations into a directory of its own, managed in
 * a schema of its own, and reads the checklist's answer and evidence. Each item is ticked and unticked by a case built
 * for it.
 */
@PostgresTest
class ChecklistTest {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static TestDatabase db;

    @BeforeAll
    static void fill(TestDatabase database) throws Exception {
        db = database;
        db.execute("CREATE SCHEMA data",
                "CREATE TABLE data.orders (id bigint PRIMARY KEY, status text NOT NULL, note text)",
                "INSERT INTO data.orders SELECT g, CASE WHEN g % 10 = 0 THEN 'new' ELSE 'done' END, 'n' FROM generate_series(1, 1000000) g",
                "CREATE TABLE data.small (id int PRIMARY KEY, v int)",
                "INSERT INTO data.small SELECT g, g FROM generate_series(1, 100) g",
                "CREATE TABLE data.empty (id int PRIMARY KEY, v int)",
                "CREATE TABLE data.events (id int NOT NULL) PARTITION BY RANGE (id)",
                "CREATE TABLE data.events_1 PARTITION OF data.events FOR VALUES FROM (0) TO (1000)",
                "CREATE TABLE data.events_2 PARTITION OF data.events FOR VALUES FROM (1000) TO (5000)",
                "INSERT INTO data.events SELECT g FROM generate_series(1, 2500) g",
                "VACUUM ANALYZE data.orders", "VACUUM ANALYZE data.small", "VACUUM ANALYZE data.empty", "VACUUM ANALYZE data.events");
    }

    /** A Flyway on {@code files} (name, text), with its history in a schema of its own. */
    private static Flyway flyway(Path dir, String... files) throws Exception {
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(dir.resolve(files[i]), files[i + 1], StandardCharsets.UTF_8);
        }
        Map<String, String> config = new HashMap<>();
        db.flywayProperties().forEach((k, v) -> config.put((String) k, (String) v));
        config.put("flyway.locations", "filesystem:" + dir.toAbsolutePath());
        config.put("flyway.schemas", "app" + SCHEMAS.incrementAndGet());
        return Flyway.configure().configuration(config).load();
    }

    private static ChecklistReport checklist(Path dir, String... files) throws Exception {
        return ZdmCommands.of(flyway(dir, files)).checklist();
    }

    private static Evidence line(ItemResult item, String subject) {
        return item.evidence().stream().filter(e -> e.subject().equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError("no evidence about " + subject + " in " + item));
    }

    @Test
    void aNonConcurrentIndexOnTheFilledTableIsUntickedWithItsFileAndLine(@TempDir Path dir) throws Exception {
        ChecklistReport report = checklist(dir, "V1__index.sql", "-- status lookups\nCREATE INDEX orders_status_idx ON data.orders (status);\n");
        ItemResult index = report.item("ZDC04");
        assertThat(index.tick()).isEqualTo(Tick.UNTICKED);
        assertThat(index.summary()).isEqualTo("1 of 1 index statement block a table with rows");
        Evidence e = line(index, "V1__index.sql:2");
        assertThat(e.tick()).isEqualTo(Tick.UNTICKED);
        assertThat(e.detail()).startsWith("CREATE INDEX without CONCURRENTLY on data.orders (about 1,000,000 rows, ")
                .endsWith(" MB on the target): its SHARE lock, held for the whole statement, blocks writes (INSERT, UPDATE, DELETE); reads go on");
        assertThat(e.fix()).startsWith("CREATE INDEX CONCURRENTLY");
        assertThat(report.ids(Tick.UNTICKED)).as("the index, and its rollback not written").containsExactly("ZDC04", "ZDC05");
    }

    @Test
    void concurrentIndexesAndIndexesOnNewOrEmptyTablesAreTicked(@TempDir Path dir) throws Exception {
        ChecklistReport report = checklist(dir,
                "V1__concurrent.sql", "CREATE INDEX CONCURRENTLY orders_status_idx ON data.orders (status);\n",
                "V2__empty.sql", "CREATE INDEX empty_v_idx ON data.empty (v);\n",
                "V3__new.sql", "CREATE TABLE data.fresh (id int, v int);\nCREATE INDEX fresh_v_idx ON data.fresh (v);\n");
        ItemResult index = report.item("ZDC04");
        assertThat(index.tick()).isEqualTo(Tick.TICKED);
        assertThat(line(index, "V1__concurrent.sql:1").detail()).isEqualTo("CREATE INDEX CONCURRENTLY on data.orders");
        assertThat(line(index, "V2__empty.sql:1").detail()).matches(
                "CREATE INDEX without CONCURRENTLY on data\\.empty \\(about 0 rows, [0-9.]+ kB on the target\\): empty");
        assertThat(line(index, "V3__new.sql:2").detail()).isEqualTo(
                "CREATE INDEX without CONCURRENTLY on data.fresh (created by V3__new.sql in this run: nothing uses it yet)");
    }

    @Test
    void aPartitionedTableCountsTheRowsOfItsPartitions(@TempDir Path dir) throws Exception {
        ChecklistReport report = checklist(dir, "V1__events_idx.sql", "CREATE INDEX events_id_idx ON data.events (id);\n");
        assertThat(line(report.item("ZDC01"), "data.events").detail()).matches("about 2,500 rows, [0-9.]+ kB on the target");
        assertThat(line(report.item("ZDC04"), "V1__events_idx.sql:1").tick()).isEqualTo(Tick.UNTICKED);
    }

    @Test
    void theSizeItemShowsEachTouchedTableAndTheAnalyzersVerdictAndWaitsForARehearsal(@TempDir Path dir) throws Exception {
        ChecklistReport report = checklist(dir, "V1__index.sql", "CREATE INDEX orders_status_idx ON data.orders (status);\n",
                "V2__small.sql", "ALTER TABLE data.small ADD COLUMN w int;\n");
        ItemResult size = report.item("ZDC01");
        assertThat(size.tick()).isEqualTo(Tick.UNKNOWN);
        assertThat(size.summary()).startsWith("2 existing tables touched, largest about 1,000,000 rows, ");
        assertThat(line(size, "data.orders").tick()).isNull();
        assertThat(line(size, "data.orders").detail()).matches("about 1,000,000 rows, [0-9.]+ MB on the target");
        assertThat(line(size, "data.small").detail()).matches("about 100 rows, [0-9.]+ kB on the target");
        assertThat(line(size, "V1__index.sql:1").detail()).isEqualTo("CREATE INDEX: SHARE on data.orders (blocks writes "
                + "(INSERT, UPDATE, DELETE); reads go on), reads every row while locked; lint ZDM101 error");
        assertThat(line(size, "V2__small.sql:1").detail()).startsWith("ALTER TABLE: ACCESS EXCLUSIVE on data.small");
        Evidence rehearsal = line(size, "rehearsal");
        assertThat(rehearsal.tick()).isEqualTo(Tick.UNKNOWN);
        assertThat(rehearsal.detail()).isEqualTo("no rehearsal of these migrations is recorded");
        assertThat(rehearsal.fix()).isEqualTo("run mvn zdm:rehearse against a restored copy of the target");
    }

    @Test
    void aRehearsalOfTheSameChecksumsOnProductionSizeTicksTheSizeItemAndASmallOneUnticksIt(@TempDir Path dir) throws Exception {
        Flyway flyway = flyway(dir, "V1__index.sql", "CREATE INDEX CONCURRENTLY orders_status_idx ON data.orders (status);\n");
        Instant ran = Instant.parse("2026-11-30T10:15:00Z");
        ChecklistReport full = ZdmCommands.of(flyway).checklist(ChecklistOptions.defaults().withRehearsals(checksums ->
                Optional.of(new Rehearsal(ran, "restored", checksums, Map.of("data.orders", 990_000L),
                        Map.of("V1__index.sql", java.time.Duration.ofMillis(2500))))));
        ItemResult size = full.item("ZDC01");
        assertThat(size.tick()).isEqualTo(Tick.TICKED);
        assertThat(size.evidence()).filteredOn(e -> e.tick() == Tick.TICKED).singleElement().satisfies(e -> {
            assertThat(e.subject()).isEqualTo("data.orders");
            assertThat(e.detail()).isEqualTo("the rehearsal of 2026-11-30 10:15 UTC on restored had about 990,000 rows (99% of the target's)");
        });
        assertThat(line(size, "V1__index.sql").detail()).isEqualTo("took 2.5s in the rehearsal");

        ChecklistReport small = ZdmCommands.of(flyway).checklist(ChecklistOptions.defaults().withRehearsals(checksums ->
                Optional.of(new Rehearsal(ran, "laptop", checksums, Map.of("data.orders", 1_000L), Map.of()))));
        assertThat(small.item("ZDC01").tick()).isEqualTo(Tick.UNTICKED);
        assertThat(small.item("ZDC01").evidence()).filteredOn(e -> e.tick() == Tick.UNTICKED).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("the rehearsal of 2026-11-30 10:15 UTC on laptop had about 1,000 "
                        + "rows, below 50% of the target's 1,000,000"));

        ChecklistReport stale = ZdmCommands.of(flyway).checklist(ChecklistOptions.defaults().withRehearsals(checksums ->
                Optional.of(new Rehearsal(ran, "restored", Map.of("V1__index.sql", 42), Map.of("data.orders", 1_000_000L), Map.of()))));
        assertThat(stale.item("ZDC01").tick()).isEqualTo(Tick.UNKNOWN);
        assertThat(line(stale.item("ZDC01"), "rehearsal").detail()).isEqualTo("the rehearsal of 2026-11-30 10:15 UTC on restored ran "
                + "other contents of V1__index.sql (checksums differ): it does not test these migrations");
    }

    @Test
    void procedularCodeAndJavaMigrationsLeaveTheSizeItemToARehearsal(@TempDir Path dir) throws Exception {
        Flyway sqlOnly = flyway(dir, "V1__do.sql",
                "-- zdm:rollback none a counter\n\nDO $$ BEGIN UPDATE data.small SET v = v + 1; END $$;\n");
        ItemResult size = ZdmCommands.of(sqlOnly).checklist().item("ZDC01");
        assertThat(size.tick()).isEqualTo(Tick.UNKNOWN);
        assertThat(line(size, "V1__do.sql:3").detail()).isEqualTo("DO: not analyzed (procedural code, or a form the analyzer "
                + "does not read): its tables, locks and duration are unknown");
        assertThat(line(size, "rehearsal").tick()).isEqualTo(Tick.UNKNOWN);

        Flyway withJava = Flyway.configure().configuration(sqlOnly.getConfiguration()).javaMigrations(new V2__Touch()).load();
        ChecklistReport report = ZdmCommands.of(withJava).checklist();
        assertThat(report.pending()).containsExactly("V1__do.sql", "dev.zdm.flyway.checklist.ChecklistTest$V2__Touch");
        for (String id : new String[] {"ZDC01", "ZDC02", "ZDC03", "ZDC04", "ZDC05"}) {
            assertThat(report.item(id).tick()).as(id).isEqualTo(Tick.UNKNOWN);
            assertThat(report.item(id).evidence()).as(id).anySatisfy(e -> {
                assertThat(e.subject()).startsWith("dev.zdm.flyway.checklist.ChecklistTest$V2__Touch (JDBC)");
                assertThat(e.detail()).startsWith("not a SQL migration: ");
            });
        }
    }

    /** A Java migration: the analyzer cannot read it. */
    static final class V2__Touch extends org.flywaydb.core.api.migration.BaseJavaMigration {
        @Override
        public void migrate(org.flywaydb.core.api.migration.Context context) {
        }
    }

    @Test
    void aRehearsalRecordedByRehearseOnACopyTicksTheSizeItemOfTheTarget(@TempDir Path dir) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("db"));
        Path record = dir.resolve("zdm-rehearsals.json");
        Flyway copy = flyway(migrations, "V1__start.sql", "SELECT 1;\n");
        copy.migrate();
        // Not CONCURRENTLY: on a database in use the migrate-time gate would refuse it; a rehearsal measures it instead.
        Files.writeString(migrations.resolve("V2__status_idx.sql"), "CREATE INDEX orders_rehearsed_idx ON data.orders (status);\n");
        try {
            Rehearsal rehearsal = ZdmCommands.of(copy).rehearse(record);
            assertThat(rehearsal.database()).isEqualTo(db.name());
            assertThat(rehearsal.tableRows()).containsExactly(Map.entry("data.orders", 1_000_000L));
            assertThat(rehearsal.checksums()).containsOnlyKeys("V2__status_idx.sql");
            assertThat(rehearsal.timings()).containsOnlyKeys("V2__status_idx.sql");
            assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_rehearsed_idx'")).isEqualTo(1);
            assertThat(Files.readString(record)).contains("\"data.orders\" : 1000000");

            // The target: V1 applied, the same V2 pending, under another history.
            Flyway target = flyway(migrations);
            Flyway.configure().configuration(target.getConfiguration()).target("1").load().migrate();
            ChecklistReport report = ZdmCommands.of(target).checklist(ChecklistOptions.defaults()
                    .withRehearsals(new RehearsalFile(record)));
            ItemResult size = report.item("ZDC01");
            assertThat(size.tick()).isEqualTo(Tick.TICKED);
            assertThat(size.evidence()).filteredOn(e -> e.tick() == Tick.TICKED).singleElement().satisfies(e ->
                    assertThat(e.detail()).endsWith(" on " + db.name() + " had about 1,000,000 rows (100% of the target's)"));
            assertThat(report.pending()).containsExactly("V2__status_idx.sql");
            assertThat(line(size, "V2__status_idx.sql").detail()).startsWith("took ").endsWith(" in the rehearsal");
        } finally {
            db.execute("DROP INDEX IF EXISTS data.orders_rehearsed_idx");
        }
    }

    @Test
    void theRehearsalTracesTheLocksTheAnalyzerDidNotPredict(@TempDir Path dir) throws Exception {
        Path record = dir.resolve("zdm-rehearsals.json");
        Flyway copy = flyway(Files.createDirectories(dir.resolve("db")),
                "V1__small_idx.sql", "CREATE INDEX small_traced_idx ON data.small (v);\n",
                "V2__hidden_lock.sql", "DO $$ BEGIN EXECUTE 'LOCK TABLE data.small IN ACCESS EXCLUSIVE MODE'; "
                        + "PERFORM pg_sleep(0.4); END $$;\n");
        try {
            Rehearsal rehearsal = ZdmCommands.of(copy).rehearse(record);
            assertThat(rehearsal.unpredictedLocks()).singleElement().satisfies(u -> {
                assertThat(u.script()).isEqualTo("V2__hidden_lock.sql");
                assertThat(u.relation()).isEqualTo("data.small");
                assertThat(u.mode()).isEqualTo("ACCESS EXCLUSIVE");
                assertThat(u.predicted()).isNull();
                assertThat(u.statement()).startsWith("DO $$ BEGIN EXECUTE 'LOCK TABLE data.small");
                assertThat(u.heldFor()).isGreaterThan(java.time.Duration.ofMillis(200));
            });
            assertThat(new RehearsalFile(record).read()).singleElement().isEqualTo(rehearsal);

            // The target's checklist shows the unpredicted lock beside the analyzer's reading.
            ItemResult size = ZdmCommands.of(flyway(dir.resolve("db"))).checklist(ChecklistOptions.defaults()
                    .withRehearsals(new RehearsalFile(record))).item("ZDC01");
            assertThat(size.tick()).isEqualTo(Tick.TICKED);
            assertThat(size.evidence()).filteredOn(e -> e.detail().startsWith("the rehearsal saw")).singleElement().satisfies(e -> {
                assertThat(e.subject()).isEqualTo("V2__hidden_lock.sql");
                assertThat(e.tick()).isNull();
                assertThat(e.detail()).matches("the rehearsal saw it hold ACCESS EXCLUSIVE on data\\.small for about [0-9]+ms, a lock "
                        + "the analyzer did not predict \\(running: DO \\$\\$ BEGIN EXECUTE 'LOCK TABLE data\\.small .*\\)");
            });
        } finally {
            db.execute("DROP INDEX IF EXISTS data.small_traced_idx");
        }
    }

    @Test
    void aDropColumnInAnUndeclaredMigrationIsUntickedAndInAContractMigrationTicked(@TempDir Path undeclared, @TempDir Path contract)
            throws Exception {
        ItemResult breaking = checklist(undeclared, "V1__drop_note.sql", "ALTER TABLE data.orders DROP COLUMN note;\n").item("ZDC02");
        assertThat(breaking.tick()).isEqualTo(Tick.UNTICKED);
        assertThat(breaking.summary()).isEqualTo("1 of 1 breaking statement outside a contract migration");
        Evidence e = line(breaking, "V1__drop_note.sql:1");
        assertThat(e.detail()).startsWith("ZDM122 ").endsWith("; the migration is not declared -- zdm:phase=contract: the running application still uses what it changes");
        assertThat(e.fix()).contains("-- zdm:phase=contract");

        ItemResult declared = checklist(contract, "V1__drop_note.sql", "-- zdm:phase=contract\n\nALTER TABLE data.orders DROP COLUMN note;\n")
                .item("ZDC02");
        assertThat(declared.tick()).isEqualTo(Tick.TICKED);
        assertThat(line(declared, "V1__drop_note.sql:3").detail()).startsWith("ZDM122 ")
                .endsWith("; the migration is declared -- zdm:phase=contract: it runs once the old application is gone");
    }

    @Test
    void anUnbatchedUpdateOfTheLargeTableIsUntickedAndABatchedOneTicked(@TempDir Path unbatched, @TempDir Path batched) throws Exception {
        ItemResult plain = checklist(unbatched, "V1__close.sql", "UPDATE data.orders SET status = 'closed' WHERE status = 'new';\n",
                "V2__small.sql", "UPDATE data.small SET v = 0;\n", "V3__one.sql", "DELETE FROM data.orders WHERE id = 7;\n").item("ZDC03");
        assertThat(plain.tick()).isEqualTo(Tick.UNTICKED);
        assertThat(plain.summary()).isEqualTo("1 of 3 UPDATEs/DELETEs unbatched on a table of 10,000 rows or more");
        Evidence e = line(plain, "V1__close.sql:1");
        assertThat(e.tick()).isEqualTo(Tick.UNTICKED);
        assertThat(e.detail()).startsWith("UPDATE WHERE status = 'new' of data.orders (about 1,000,000 rows, ")
                .endsWith(" in one statement, on a table of 10,000 rows or more");
        assertThat(line(plain, "V2__small.sql:1").detail()).startsWith("UPDATE without WHERE (every row) of data.small (about 100 rows")
                .endsWith(": below 10,000 rows");
        assertThat(line(plain, "V3__one.sql:1").tick()).isEqualTo(Tick.TICKED);
        assertThat(line(plain, "V3__one.sql:1").detail()).endsWith(": a lookup by key touches a handful of rows");

        ItemResult marked = checklist(batched, "V1__close.sql",
                "-- zdm:batched key=id size=5000\nUPDATE data.orders SET status = 'closed' WHERE status = 'new';\n").item("ZDC03");
        assertThat(marked.tick()).isEqualTo(Tick.TICKED);
        assertThat(line(marked, "V1__close.sql:2").detail()).startsWith("UPDATE of data.orders (about 1,000,000 rows")
                .endsWith(" is batched (-- zdm:batched key=id size=5000)");
    }

    @Test
    void theLargeTableThresholdIsAnOption(@TempDir Path dir) throws Exception {
        Flyway flyway = flyway(dir, "V1__small.sql", "UPDATE data.small SET v = 0;\n");
        assertThat(ZdmCommands.of(flyway).checklist().item("ZDC03").tick()).isEqualTo(Tick.TICKED);
        assertThat(ZdmCommands.of(flyway).checklist(ChecklistOptions.defaults().withLargeTableRows(50)).item("ZDC03").tick())
                .isEqualTo(Tick.UNTICKED);
    }

    @Test
    void aRollbackIsASectionAnUndoMigrationADeclaredNoneOrTheDropOfNewObjects(@TempDir Path dir) throws Exception {
        ChecklistReport report = checklist(dir,
                "V1__section.sql", "ALTER TABLE data.small ADD COLUMN w int;\n\n-- zdm:rollback\n-- ALTER TABLE data.small DROP COLUMN w;\n",
                "V2__undo_file.sql", "ALTER TABLE data.small ADD COLUMN x int;\n",
                "U2__undo_file.sql", "ALTER TABLE data.small DROP COLUMN x;\n",
                "V3__new_objects.sql", "CREATE TABLE data.audit (id int);\nCREATE INDEX CONCURRENTLY audit_id_idx ON data.audit (id);\n",
                "V4__data_fix.sql", "-- zdm:rollback none the old values were wrong\nUPDATE data.small SET v = 1 WHERE id = 3;\n",
                "V5__none.sql", "ALTER TABLE data.small ALTER COLUMN v SET DEFAULT 0;\n",
                "V6__if_not_exists.sql", "CREATE TABLE IF NOT EXISTS data.small (id int);\n");
        ItemResult rollback = report.item("ZDC05");
        assertThat(rollback.tick()).isEqualTo(Tick.UNTICKED);
        assertThat(rollback.summary()).isEqualTo("3 of 6 pending migrations have a rollback");
        assertThat(line(rollback, "V1__section.sql").detail()).isEqualTo("rollback section at line 3 (-- zdm:rollback, 1 statement(s))");
        assertThat(line(rollback, "V2__undo_file.sql").detail()).isEqualTo("undo migration U2__undo_file.sql");
        assertThat(line(rollback, "V3__new_objects.sql").tick()).as("zdm:rollback needs it written").isEqualTo(Tick.UNTICKED);
        assertThat(line(rollback, "V3__new_objects.sql").detail()).isEqualTo("creates only new objects, but no rollback is written");
        assertThat(line(rollback, "V3__new_objects.sql").fix()).isEqualTo("add at its end: -- zdm:rollback, then "
                + "-- DROP INDEX CONCURRENTLY data.audit_id_idx; -- DROP TABLE data.audit; (rows written to a new table since are lost)");
        assertThat(line(rollback, "V4__data_fix.sql").detail()).isEqualTo("needs no rollback (line 1): the old values were wrong");
        assertThat(line(rollback, "V5__none.sql").tick()).isEqualTo(Tick.UNTICKED);
        assertThat(line(rollback, "V5__none.sql").detail()).isEqualTo("no -- zdm:rollback section, no undo migration U5__*.sql, "
                + "and it changes existing objects");
        assertThat(line(rollback, "V6__if_not_exists.sql").tick()).as("IF NOT EXISTS may meet an object that was there before")
                .isEqualTo(Tick.UNTICKED);
        assertThat(report.pending()).containsExactly("V1__section.sql", "V2__undo_file.sql", "V3__new_objects.sql",
                "V4__data_fix.sql", "V5__none.sql", "V6__if_not_exists.sql");
    }

    @Test
    void onlyPendingMigrationsCountAndNothingPendingTicksEverything(@TempDir Path dir) throws Exception {
        Flyway flyway = flyway(dir, "V1__index.sql", "CREATE INDEX orders_note_idx ON data.small (v);\n");
        flyway.migrate();
        ChecklistReport report = ZdmCommands.of(flyway).checklist();
        assertThat(report.pending()).isEmpty();
        assertThat(report.items()).allSatisfy(i -> assertThat(i.tick()).as(i.id()).isEqualTo(Tick.TICKED));
        assertThat(report.item("ZDC04").summary()).isEqualTo("no index statement in 0 pending migrations");
        assertThat(report.toText()).endsWith("5 ticked.\n");
    }

    @Test
    void offlineTheFilesAloneAnswerWhatNeedsNoSize(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__index.sql"), "CREATE INDEX orders_status_idx ON data.orders (status);\n");
        Files.writeString(dir.resolve("V2__drop_note.sql"), "ALTER TABLE data.orders DROP COLUMN note;\n");
        ChecklistReport report = ZdmCommands.of(Flyway.configure().locations("filesystem:" + dir.toAbsolutePath()).load()).checklist();
        assertThat(report.online()).isFalse();
        assertThat(report.database()).isNull();
        assertThat(report.pending()).containsExactly("V1__index.sql", "V2__drop_note.sql");
        assertThat(report.item("ZDC01").tick()).isEqualTo(Tick.UNKNOWN);
        assertThat(line(report.item("ZDC01"), "target").detail()).isEqualTo("no database configured: table sizes unknown");
        assertThat(report.item("ZDC04").tick()).isEqualTo(Tick.UNKNOWN);
        assertThat(line(report.item("ZDC04"), "V1__index.sql:1").detail())
                .isEqualTo("CREATE INDEX without CONCURRENTLY on data.orders (size unknown: no database configured)");
        assertThat(report.item("ZDC02").tick()).isEqualTo(Tick.UNTICKED);
        assertThat(report.toMarkdown()).startsWith("### flyway-zdm checklist: offline (no database configured: sizes unknown), 2 pending migrations\n");
    }

    @Test
    void aTableLockedByDdlDoesNotHoldTheChecklistUp(@TempDir Path dir) throws Exception {
        Flyway flyway = flyway(dir, "V1__index.sql", "CREATE INDEX orders_status_idx ON data.orders (status);\n");
        try (Blocker blocker = Blocker.holdLock(db, "data.orders", LockMode.ACCESS_EXCLUSIVE)) {
            long start = System.nanoTime();
            ChecklistReport report = ZdmCommands.of(flyway).checklist();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
            assertThat(line(report.item("ZDC01"), "data.orders").detail()).matches("about 1,000,000 rows, about [0-9]+ MB on the target");
            assertThat(report.item("ZDC04").tick()).isEqualTo(Tick.UNTICKED);
        }
    }

    @Test
    void markdownIsATaskListToPasteIntoAPullRequestAndJsonHasEveryItem(@TempDir Path dir) throws Exception {
        ChecklistReport report = checklist(dir, "V1__index.sql", "CREATE INDEX orders_status_idx ON data.orders (status);\n");
        String md = report.toMarkdown();
        assertThat(md).startsWith("### flyway-zdm checklist: `" + db.name() + "` (PostgreSQL ");
        assertThat(md).contains(", 1 pending migration\n\n**2 ticked, 2 unticked (ZDC04, ZDC05), 1 unknown (ZDC01).**\n\n");
        assertThat(md).contains("\n- [?] **Tested on production-size dataset?** 1 existing table touched, largest about 1,000,000 rows, ");
        assertThat(md).contains("\n  - `data.orders`: about 1,000,000 rows, ");
        assertThat(md).contains("\n  - [?] `rehearsal`: no rehearsal of these migrations is recorded Fix: run mvn zdm:rehearse against a restored copy of the target\n");
        assertThat(md).contains("\n- [x] **Migration is backwards compatible?** no breaking statement in 1 pending migration (ZDC02)\n");
        assertThat(md).contains("\n- [ ] **Indexes created concurrently?** 1 of 1 index statement block a table with rows (ZDC04)\n"
                + "  - [ ] `V1__index.sql:1`: CREATE INDEX without CONCURRENTLY on data.orders (about 1,000,000 rows, ");
        assertThat(md).contains("\n- [ ] **Rollback plan ready?** 0 of 1 pending migration has a rollback (ZDC05)\n"
                + "  - [ ] `V1__index.sql`: creates only new objects, but no rollback is written Fix: add at its end: -- zdm:rollback, "
                + "then -- DROP INDEX CONCURRENTLY data.orders_status_idx;\n");
        assertThat(md).endsWith("\nItems are described in docs/checklist.md of flyway-zdm.\n");

        JsonNode json = JsonMapper.builder().build().readTree(report.toJson());
        assertThat(json.get("database").asString()).isEqualTo(db.name());
        assertThat(json.get("online").asBoolean()).isTrue();
        assertThat(json.get("items")).hasSize(5);
        assertThat(json.get("items").get(3).get("id").asString()).isEqualTo("ZDC04");
        assertThat(json.get("items").get(3).get("tick").asString()).isEqualTo("UNTICKED");
        assertThat(json.get("items").get(3).get("evidence").get(0).get("subject").asString()).isEqualTo("V1__index.sql:1");
    }
}
