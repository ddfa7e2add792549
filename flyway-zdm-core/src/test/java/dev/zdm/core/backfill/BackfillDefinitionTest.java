package dev.zdm.core.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Backfills whose definition cannot work are refused before the first batch, with the reason and what to write
 * instead: a SET of a key column (before: an endless walk, rows moved ahead of it met again), and a verified UPDATE
 * whose SET cannot make its WHERE false (before: every row updated, then a verification failure blaming the
 * application, and the same again on every re-run).
 */
@PostgresTest
class BackfillDefinitionTest {

    private static BackfillResult run(TestDatabase db, String id, Backfill backfill) throws Exception {
        try (Connection c = db.connect()) {
            return new BackfillExecutor(c, "public").run(id, backfill);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anUpdateOfTheKeyItWalksByIsRefused(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE shifted (id int PRIMARY KEY, v int)", "INSERT INTO shifted SELECT g, 0 FROM generate_series(1, 2000) g");

        // the primary key, found by the engine
        assertThatThrownBy(() -> run(db, "shift", Backfill.table("shifted").set("id = id + 1000").batchSize(100)))
                .isInstanceOf(BackfillDefinitionException.class)
                .hasMessageContaining("assigns the key column \"id\"").hasMessageContaining("met again by a later batch")
                .hasMessageContaining("Nothing was changed");
        // a key named by the user, and a row-valued assignment
        assertThatThrownBy(() -> Backfill.table("shifted").key("id").set("(v, id) = (1, id + 1)").validate())
                .isInstanceOf(BackfillDefinitionException.class).hasMessageContaining("assigns the key column \"id\"");
        assertThat(db.queryLong("SELECT max(id) FROM shifted")).isEqualTo(2000);
        assertThat(db.queryLong("SELECT count(*) FROM shifted WHERE v <> 0")).isZero();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anUpdateOfATimestampKeyIsRefused(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE ticks (created_at timestamptz NOT NULL UNIQUE, v int)",
                "INSERT INTO ticks SELECT timestamptz '2024-01-01' + g * interval '1 minute', 0 FROM generate_series(1, 2000) g");
        assertThatThrownBy(() -> run(db, "ticks", Backfill.table("ticks").key("created_at")
                .set("created_at = created_at + interval '1 hour'").batchSize(50)))
                .isInstanceOf(BackfillDefinitionException.class).hasMessageContaining("assigns the key column \"created_at\"");
    }

    @Test
    void anUpdateFromWhoseSetCannotFalsifyItsWhereIsRefusedWithTheGuardToAdd(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE src (id int PRIMARY KEY, name text)",
                "CREATE TABLE dst (id int PRIMARY KEY, name text)",
                "INSERT INTO src SELECT g, 'n' || g FROM generate_series(1, 300) g",
                "INSERT INTO dst SELECT g, NULL FROM generate_series(1, 300) g");

        assertThatThrownBy(() -> run(db, "copy-names", Backfill.table("dst").as("t").set("name = s.name").from("src s")
                .where("s.id = t.id")))
                .isInstanceOf(BackfillDefinitionException.class)
                .hasMessageContaining("the SET (name = s.name) changes no column that the WHERE (s.id = t.id) reads")
                .hasMessageContaining("WHERE s.id = t.id AND \"t\".\"name\" IS DISTINCT FROM (s.name)")
                .hasMessageContaining("verify=false");
        assertThat(db.queryLong("SELECT count(*) FROM dst WHERE name IS NOT NULL")).as("nothing changed").isZero();

        // with the guard it runs and verifies
        BackfillResult result = run(db, "copy-names-guarded", Backfill.table("dst").as("t").set("name = s.name").from("src s")
                .where("s.id = t.id AND t.name IS DISTINCT FROM s.name"));
        assertThat(result.rowsChanged()).isEqualTo(300);
        assertThat(result.remainingVerified()).isTrue();
        // one pass on purpose: no final count, no refusal
        assertThat(run(db, "touch", Backfill.table("dst").set("name = upper(name)").where("id <= 10").verifyNoneRemain(false))
                .rowsChanged()).isEqualTo(10);
    }

    @Test
    void whenItCannotBeSureItOnlyWarns(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE trig (id int PRIMARY KEY, a int, b int)",
                "INSERT INTO trig SELECT g, 0, NULL FROM generate_series(1, 100) g",
                "CREATE FUNCTION trig_b() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.b := NEW.a; RETURN NEW; END $$",
                "CREATE TRIGGER trig_b BEFORE UPDATE ON trig FOR EACH ROW EXECUTE FUNCTION trig_b()");
        // the trigger makes the SET of a falsify "b IS NULL": a warning (logged), not a refusal
        BackfillResult result = run(db, "trig", Backfill.table("trig").set("a = 1").where("b IS NULL"));
        assertThat(result.rowsChanged()).isEqualTo(100);
        assertThat(result.remainingVerified()).isTrue();
    }

    @Test
    void aVerificationFailureNamesBothPossibleCauses(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE still (id int PRIMARY KEY, v int)", "INSERT INTO still SELECT g, NULL FROM generate_series(1, 50) g");
        // the SET writes a value the WHERE still accepts: the static check cannot know coalesce(NULL, NULL) stays NULL
        assertThatThrownBy(() -> run(db, "still", Backfill.table("still").set("v = coalesce(v, NULL)").where("v IS NULL")))
                .hasMessageContaining("50 row(s) still match the predicate")
                .hasMessageContaining("The SET does not make the predicate false for them")
                .hasMessageContaining("IS DISTINCT FROM")
                .hasMessageContaining("application code still writes the old shape");
    }
}
