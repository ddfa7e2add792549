package dev.zdm.flyway.resume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kill -9} at a random moment of a non-transactional migration that mixes concurrent index builds, INSERTs,
 * several statements on one line, COPY and a batched UPDATE; then a plain re-run, in every other trial after an edit
 * of a statement that was not applied yet. Every trial must end with each statement applied exactly once, no invalid
 * index, one successful history row, no failed one, no bookkeeping left and no {@code repair}.
 *
 * <p>{@code -Dzdm.randomKill.trials=N} (default 20) and {@code -Dzdm.randomKill.seed=S} (default: random, logged) replay a run.
 */
@PostgresTest
class RandomKillTest {
    private static final Logger LOG = LoggerFactory.getLogger(RandomKillTest.class);
    private static final int ROWS = 3000;
    private static final List<String> MARKERS = List.of("a", "b", "c", "d", "e", "f", "g");

    @Test
    void everyStatementIsAppliedExactlyOnceWhereverTheRunIsKilled(TestDatabase db, @TempDir Path dir) throws Exception {
        int trials = Integer.getInteger("zdm.randomKill.trials", 20);
        long seed = Long.getLong("zdm.randomKill.seed", new Random().nextLong());
        Random random = new Random(seed);
        int window = killWindowMillis(db, dir);
        List<String> outcomes = new ArrayList<>();
        for (int t = 1; t <= trials; t++) {
            outcomes.add(trial(db, dir, t, random.nextInt(window), t % 2 == 0));
        }
        LOG.info("random kill, seed {}, kill moments within {} ms of the child's first connection: {}", seed, window, outcomes);
        assertThat(outcomes).hasSize(trials);
    }

    /**
     * How long after its first connection a child may be killed: twice what the same migration takes
     * here in-process (a child's cold JVM is slower), so that the kill moments cover the whole migration on a fast
     * machine and a slow one alike.
     */
    private static int killWindowMillis(TestDatabase db, Path dir) throws Exception {
        String s = "rk0";
        createTables(db, s);
        Migrations m = new Migrations(db, Files.createDirectories(dir.resolve(s)), "h_" + s).set("flyway.mixed", "true")
                .write("V1__mixed.sql", script(s, "last"));
        long start = System.nanoTime();
        m.migrate();
        return (int) Math.max(500, (System.nanoTime() - start) / 1_000_000 * 2);
    }

    private static void createTables(TestDatabase db, String s) throws Exception {
        db.execute("CREATE SCHEMA " + s, "CREATE TABLE " + s + ".log (marker text)", "CREATE TABLE " + s + ".copied (id int, v text)",
                "CREATE TABLE " + s + ".items (id int PRIMARY KEY, done boolean NOT NULL DEFAULT false, writes int NOT NULL DEFAULT 0)",
                "INSERT INTO " + s + ".items (id) SELECT g FROM generate_series(1, " + ROWS + ") g",
                "CREATE FUNCTION " + s + ".count_writes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        + "NEW.writes := OLD.writes + 1; RETURN NEW; END $$",
                "CREATE TRIGGER count_writes BEFORE UPDATE ON " + s + ".items FOR EACH ROW EXECUTE FUNCTION " + s + ".count_writes()");
    }

    /** One trial: returns what happened, for the log. */
    private static String trial(TestDatabase db, Path dir, int t, int killAfterMillis, boolean editUnapplied) throws Exception {
        String s = "rk" + t;
        createTables(db, s);
        Path sql = Files.createDirectories(dir.resolve(s));
        Migrations m = new Migrations(db, sql, "h_" + s).set("flyway.mixed", "true").write("V1__mixed.sql", script(s, "last"));

        ChildMigration child = ChildMigration.start(m.config(), "zdm-rk-" + t, dir.resolve(s + ".log"));
        awaitConnected(db, "zdm-rk-" + t, child);
        long deadline = System.nanoTime() + killAfterMillis * 1_000_000L;
        while (System.nanoTime() < deadline && child.alive()) {
            Thread.sleep(1);
        }
        boolean killed = child.alive();
        child.kill();
        KilledMidStatementTest.awaitGone(db, "zdm-rk-" + t);
        String applied = db.queryString("SELECT coalesce(string_agg(marker, ',' ORDER BY marker), '') FROM " + s + ".log");

        boolean edited = editUnapplied && db.queryLong("SELECT count(*) FROM " + s + ".log WHERE marker = 'last'") == 0;
        if (edited) {
            m.write("V1__mixed.sql", script(s, "last-edited"));
        }
        m.migrate();

        String last = edited ? "last-edited" : "last";
        List<String> expected = new ArrayList<>(MARKERS);
        expected.add(last);
        expected.sort(String::compareTo);
        String where = "trial " + t + " (" + (killed ? "killed after " + killAfterMillis + " ms" : "finished before the kill")
                + ", applied before the re-run: [" + applied + "]" + (edited ? ", unapplied last statement edited" : "") + ")";
        assertThat(db.queryString("SELECT string_agg(marker, ',' ORDER BY marker) FROM " + s + ".log")).as(where)
                .isEqualTo(String.join(",", expected));
        assertThat(db.queryString("SELECT string_agg(id || v, ',' ORDER BY id) FROM " + s + ".copied")).as(where).isEqualTo("1x,2y");
        assertThat(db.queryLong("SELECT count(*) FROM " + s + ".items WHERE NOT done OR writes <> 1")).as(where + ": rows not written exactly once")
                .isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = '" + s + "' AND NOT i.indisvalid")).as(where + ": invalid indexes").isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = '" + s + "' AND i.indisvalid AND c.relname IN ('items_done_idx', "
                + "'copied_id_idx', 'log_marker_idx')")).as(where + ": the three indexes").isEqualTo(3);
        assertThat(db.queryString("SELECT string_agg(version || ':' || success, ',') FROM " + m.history() + " WHERE version IS NOT NULL"))
                .as(where + ": history").isEqualTo("1:true");
        assertThat(db.queryLong("SELECT count(*) FROM " + m.progress())).as(where + ": bookkeeping left").isZero();
        return t + ":" + (killed ? killAfterMillis + "ms" : "done") + "[" + applied + "]" + (edited ? "+edit" : "");
    }

    /** The kill moment counts from the child's first connection, not from its JVM start (which varies with load). */
    private static void awaitConnected(TestDatabase db, String applicationName, ChildMigration child) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + applicationName + "'") == 0) {
            if (!child.alive() || System.nanoTime() > deadline) {
                throw new AssertionError("the child JVM never connected:\n" + child.output());
            }
            Thread.sleep(2);
        }
    }

    private static String script(String s, String lastMarker) {
        return "INSERT INTO " + s + ".log VALUES ('a');\n"
                + "CREATE INDEX CONCURRENTLY items_done_idx ON " + s + ".items (done);\n"
                + "INSERT INTO " + s + ".log VALUES ('b'); INSERT INTO " + s + ".log SELECT 'c' FROM pg_sleep(0.05);\n"
                + "COPY " + s + ".copied (id, v) FROM STDIN;\n1\tx\n2\ty\n\\.\n"
                + "-- zdm:batched key=id size=200\n"
                + "UPDATE " + s + ".items SET done = true WHERE NOT done;\n"
                + "INSERT INTO " + s + ".log SELECT 'd' FROM pg_sleep(0.05);\n"
                + "CREATE INDEX CONCURRENTLY copied_id_idx ON " + s + ".copied (id);\n"
                + "INSERT INTO " + s + ".log SELECT 'e' FROM pg_sleep(0.05); INSERT INTO " + s + ".log VALUES ('f');\n"
                + "CREATE INDEX CONCURRENTLY log_marker_idx ON " + s + ".log (marker);\n"
                + "INSERT INTO " + s + ".log SELECT 'g' FROM pg_sleep(0.05);\n"
                + "INSERT INTO " + s + ".log VALUES ('" + lastMarker + "');\n";
    }
}
