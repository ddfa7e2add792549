package dev.zdm.flyway.resume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint of a {@code -- zdm:batched} statement belongs to that statement (script and fingerprint), not to its
 * position: a statement inserted above a failed backfill never inherits its checkpoint, and a moved or re-commented
 * one keeps it. The failure is external (a trigger refuses rows above 2500 while a control flag is set), so the
 * statement itself is unchanged between runs.
 */
@PostgresTest
class BatchedCheckpointIdentityTest {
    private static final String OLD = "-- zdm:batched key=id size=500\nUPDATE b5 SET v = 1 WHERE v IS NULL;\n";
    private static final String NEW = "-- zdm:batched key=id size=500\nUPDATE b5 SET w = 1 WHERE w IS NULL;\n";

    @Test
    void aBatchedStatementInsertedAboveAFailedOneNeverResumesAtItsKey(TestDatabase db, @TempDir Path dir) throws Exception {
        setUp(db, "b5");
        Migrations m = new Migrations(db, dir, "h_b5").write("V1__backfill.sql", OLD);
        assertThatThrownBy(m::migrate).hasMessageContaining("row 2501 refused");
        assertThat(db.queryLong("SELECT count(*) FROM b5 WHERE v = 1")).isEqualTo(2500);
        db.execute("UPDATE b5_control SET fail = false");

        m.write("V1__backfill.sql", NEW + "\n" + OLD);
        assertThatThrownBy(m::migrate).hasMessageContaining("has been edited since").hasMessageContaining("begun, not finished");
        assertThat(db.queryLong("SELECT count(*) FROM b5 WHERE w IS NOT NULL")).as("nothing ran").isZero();

        m.set("flyway.zdm.resumeEdited", "rerun").migrate();

        assertThat(db.queryLong("SELECT count(*) FROM b5 WHERE w IS NULL")).as("rows the new statement skipped").isZero();
        assertThat(db.queryLong("SELECT count(*) FROM b5 WHERE v IS NULL")).isZero();
        assertThat(db.queryLong("SELECT max(v_writes) FROM b5")).as("no row's v written twice").isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM h_b5.zdm_backfill_progress WHERE state <> 'done'")).isZero();
    }

    @Test
    void aFailedBackfillMovedDownOrReCommentedContinuesFromItsCheckpoint(TestDatabase db, @TempDir Path dir) throws Exception {
        setUp(db, "b6");
        String old = OLD.replace("b5", "b6");
        Migrations m = new Migrations(db, dir, "h_b6").write("V1__backfill.sql", old);
        assertThatThrownBy(m::migrate).hasMessageContaining("row 2501 refused");
        db.execute("UPDATE b6_control SET fail = false");

        m.write("V1__backfill.sql", "-- backfill v for the new reports\n\n\n" + old.replace("SET v = 1 WHERE", "SET  v = 1 -- all of them\n   where"));
        m.migrate();

        assertThat(db.queryLong("SELECT count(*) FROM b6 WHERE v IS NULL")).isZero();
        assertThat(db.queryLong("SELECT max(v_writes) FROM b6")).as("no row written twice").isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM h_b6.zdm_backfill_progress")).as("one checkpoint, continued").isEqualTo(1);
    }

    /** 5000 rows; a trigger counts writes of v per row and refuses rows above 2500 while the control flag is set. */
    private static void setUp(TestDatabase db, String t) throws Exception {
        db.execute("CREATE TABLE " + t + " (id int PRIMARY KEY, v int, w int, v_writes int NOT NULL DEFAULT 0)",
                "INSERT INTO " + t + " (id) SELECT g FROM generate_series(1, 5000) g",
                "CREATE TABLE " + t + "_control (fail boolean)", "INSERT INTO " + t + "_control VALUES (true)",
                "CREATE FUNCTION " + t + "_guard() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        + "IF NEW.v IS DISTINCT FROM OLD.v THEN NEW.v_writes := OLD.v_writes + 1; END IF; "
                        + "IF NEW.id > 2500 AND (SELECT fail FROM " + t + "_control) THEN RAISE EXCEPTION 'row % refused', NEW.id; END IF; "
                        + "RETURN NEW; END $$",
                "CREATE TRIGGER " + t + "_guard BEFORE UPDATE ON " + t + " FOR EACH ROW EXECUTE FUNCTION " + t + "_guard()");
    }
}
