package dev.zdm.flyway.resume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zdm.test.PostgresTest;
import dev.zdm.test.TestDatabase;
import java.nio.file.Path;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A non-transactional migration (here: {@code flyway.mixed=true} with CONCURRENTLY statements) that fails half-way is
 * continued by the next migrate with every statement applied exactly once, whatever the user does in between: two
 * statements on one line, a fix on the failing line, comment edits, COPY data, a SET ROLE, a repeatable migration; and
 * an edit of what was already applied stops the run before anything runs.
 */
@PostgresTest
class ExactlyOnceResumeTest {

    @Test
    void statementsSharingALineAreEachApplied(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE l1 (id int PRIMARY KEY, a int, b int)");
        Migrations m = new Migrations(db, dir, "h_l1").set("flyway.mixed", "true")
                .write("V1__one_line.sql", "INSERT INTO l1 VALUES (1, 1, 1); INSERT INTO l1 VALUES (2, 2, 2); INSERT INTO l1 VALUES (3, 3, 3);\n"
                        + "CREATE INDEX CONCURRENTLY l1_a ON l1 (a); CREATE INDEX CONCURRENTLY l1_b ON l1 (b);\n");

        m.migrate();

        assertThat(db.queryLong("SELECT count(*) FROM l1")).isEqualTo(3);
        assertThat(validIndexes(db, "l1_a", "l1_b")).isEqualTo(2);
    }

    @Test
    void aMigrationFixedOnItsFailingLineContinuesThere(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE f2 (id int PRIMARY KEY, a int)");
        Migrations m = new Migrations(db, dir, "h_f2").set("flyway.mixed", "true").write("V1__fix.sql", fixScript("f2", "b"));
        assertThatThrownBy(m::migrate).hasMessageContaining("column \"b\" does not exist");
        assertThat(db.queryLong("SELECT count(*) FROM f2")).isEqualTo(2);

        m.write("V1__fix.sql", fixScript("f2", "id"));
        MigrateResult second = m.migrate();

        assertThat(second.migrationsExecuted).isEqualTo(1);
        assertThat(db.queryString("SELECT string_agg(id::text, ',' ORDER BY id) FROM f2")).isEqualTo("1,2,3");
        assertThat(validIndexes(db, "f2_a", "f2_b")).isEqualTo(2);
        assertClean(db, m);
    }

    @Test
    void editsOfCommentsSpacingAndKeywordCaseAreNotEdits(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE f3 (id int PRIMARY KEY, a int)");
        Migrations m = new Migrations(db, dir, "h_f3").set("flyway.mixed", "true").write("V1__fix.sql", fixScript("f3", "b"));
        assertThatThrownBy(m::migrate).hasMessageContaining("column \"b\" does not exist");

        m.write("V1__fix.sql", "-- reviewed after the failure\n\n" + fixScript("f3", "id").replace("INSERT INTO f3 VALUES (1, 1);",
                "insert   into f3\n    values (1, 1); -- first row"));
        m.migrate();

        assertThat(db.queryString("SELECT string_agg(id::text, ',' ORDER BY id) FROM f3")).isEqualTo("1,2,3");
        assertClean(db, m);
    }

    @Test
    void anEditOfTheAppliedPartStopsBeforeAnythingRunsUnlessARerunIsAccepted(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE f4 (id int, a int)");
        Migrations m = new Migrations(db, dir, "h_f4").set("flyway.mixed", "true").write("V1__fix.sql", fixScript("f4", "b"));
        assertThatThrownBy(m::migrate).hasMessageContaining("column \"b\" does not exist");
        String edited = fixScript("f4", "id").replace("INSERT INTO f4 VALUES (1, 1);", "INSERT INTO f4 VALUES (10, 10);");
        m.write("V1__fix.sql", edited);

        assertThatThrownBy(m::migrate)
                .hasMessageContaining("V1__fix.sql, line 1")
                .hasMessageContaining("has been edited since")
                .hasMessageContaining("applied as\n    INSERT INTO f4 VALUES (1, 1)")
                .hasMessageContaining("now reads\n    INSERT INTO f4 VALUES (10, 10)")
                .hasMessageContaining("Nothing of this migration was run now")
                .hasMessageContaining("flyway.zdm.resumeEdited=rerun");
        assertThat(db.queryString("SELECT string_agg(id::text, ',' ORDER BY id) FROM f4")).as("nothing ran").isEqualTo("1,2");

        m.set("flyway.zdm.resumeEdited", "rerun").migrate();

        assertThat(db.queryString("SELECT string_agg(id::text, ',' ORDER BY id) FROM f4"))
                .as("the edited statement and every one after it ran again, as accepted").isEqualTo("1,2,2,3,10");
        assertClean(db, m);
    }

    @Test
    void copyRowsAreRecordedAndNotCopiedTwice(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE c5 (id int, v text)");
        String copy = "COPY c5 (id, v) FROM STDIN;\n1\tone\n2\ttwo\n3\tthree\n\\.\n";
        Migrations m = new Migrations(db, dir, "h_c5").set("flyway.mixed", "true")
                .write("V1__copy.sql", copy + "CREATE INDEX CONCURRENTLY c5_v ON c5 (missing);\n");
        assertThatThrownBy(m::migrate).hasMessageContaining("column \"missing\" does not exist");

        m.write("V1__copy.sql", copy + "CREATE INDEX CONCURRENTLY c5_v ON c5 (v);\n");
        m.migrate();

        assertThat(db.queryString("SELECT string_agg(id::text, ',' ORDER BY id) FROM c5")).isEqualTo("1,2,3");
        assertClean(db, m);
    }

    @Test
    void anEditedCopyRowCountsAsAnEdit(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE c6 (id int, v text)");
        Migrations m = new Migrations(db, dir, "h_c6").set("flyway.mixed", "true")
                .write("V1__copy.sql", "COPY c6 (id, v) FROM STDIN;\n1\tone\n\\.\nCREATE INDEX CONCURRENTLY c6_v ON c6 (missing);\n");
        assertThatThrownBy(m::migrate).hasMessageContaining("column \"missing\" does not exist");

        m.write("V1__copy.sql", "COPY c6 (id, v) FROM STDIN;\n1\tuno\n\\.\nCREATE INDEX CONCURRENTLY c6_v ON c6 (v);\n");

        assertThatThrownBy(m::migrate).hasMessageContaining("has been edited since");
        assertThat(db.queryString("SELECT string_agg(v, ',') FROM c6")).isEqualTo("one");
    }

    @Test
    void anIndexAlreadyBuiltWithTheSameDefinitionCountsAsDoneAndADifferentOneIsNamed(TestDatabase db, @TempDir Path dir) throws Exception {
        // What a killed client leaves: its backend finished the build, nothing recorded it.
        db.execute("CREATE TABLE i7 (id int, a int)", "CREATE INDEX i7_a ON i7 USING btree (a)", "CREATE INDEX i7_b ON i7 (id)");
        Migrations m = new Migrations(db, dir, "h_i7").write("V1__same.sql", "CREATE INDEX CONCURRENTLY i7_a ON i7 (a);\n");
        long oid = db.queryLong("SELECT 'i7_a'::regclass::oid");

        assertThat(m.migrate().migrationsExecuted).isEqualTo(1);
        assertThat(db.queryLong("SELECT 'i7_a'::regclass::oid")).as("kept, not rebuilt").isEqualTo(oid);

        m.write("V2__different.sql", "CREATE INDEX CONCURRENTLY i7_b ON i7 (a) WHERE a > 0;\n");
        assertThatThrownBy(m::migrate)
                .hasMessageContaining("already exists with another definition")
                .hasMessageContaining("existing:  USING btree (id)")
                .hasMessageContaining("statement: USING btree (a) WHERE (a > 0)");
    }

    @Test
    void aSetRoleInTheMigrationDoesNotBreakTheBookkeeping(TestDatabase db, @TempDir Path dir) throws Exception {
        String role = ("zdm_role_" + db.name()).toLowerCase();
        db.execute("DROP ROLE IF EXISTS " + role, "CREATE ROLE " + role, "CREATE TABLE r8 (id int)", "ALTER TABLE r8 OWNER TO " + role,
                "GRANT USAGE, CREATE ON SCHEMA public TO " + role);
        try {
            Migrations m = new Migrations(db, dir, "h_r8").set("flyway.mixed", "true")
                    .write("V1__as_owner.sql", "SET ROLE " + role + ";\nINSERT INTO r8 VALUES (1);\n"
                            + "CREATE INDEX CONCURRENTLY r8_id ON r8 (id);\nRESET ROLE;\n");

            assertThat(m.migrate().migrationsExecuted).isEqualTo(1);
            assertThat(db.queryLong("SELECT count(*) FROM r8")).isEqualTo(1);
            assertThat(db.queryString("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'r8_id'")).isEqualTo(role);
        } finally {
            db.execute("DROP OWNED BY " + role, "DROP ROLE " + role);
        }
    }

    @Test
    void aFailedRepeatableMigrationIsContinuedWithoutRepair(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE TABLE r9 (id int, a int)");
        Migrations m = new Migrations(db, dir, "h_r9").set("flyway.mixed", "true")
                .write("R__indexes.sql", "INSERT INTO r9 VALUES (1, 1);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS r9_a ON r9 (a);\n");
        m.migrate();
        m.write("R__indexes.sql", "INSERT INTO r9 VALUES (2, 2);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS r9_b ON r9 (b);\n");
        assertThatThrownBy(m::migrate).hasMessageContaining("column \"b\" does not exist");

        m.write("R__indexes.sql", "INSERT INTO r9 VALUES (2, 2);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS r9_b ON r9 (id);\n");
        assertThat(m.migrate().migrationsExecuted).isEqualTo(1);

        assertThat(db.queryString("SELECT string_agg(id::text, ',' ORDER BY id) FROM r9")).isEqualTo("1,2");
        assertThat(validIndexes(db, "r9_a", "r9_b")).isEqualTo(2);
        assertClean(db, m);
    }

    /** Two inserts, an index, an index on {@code column} (fails when it does not exist), one more insert. */
    private static String fixScript(String table, String column) {
        return "INSERT INTO " + table + " VALUES (1, 1);\n"
                + "INSERT INTO " + table + " VALUES (2, 2);\n"
                + "CREATE INDEX CONCURRENTLY " + table + "_a ON " + table + " (a);\n"
                + "CREATE INDEX CONCURRENTLY " + table + "_b ON " + table + " (" + column + ");\n"
                + "INSERT INTO " + table + " VALUES (3, 3);\n";
    }

    static long validIndexes(TestDatabase db, String... names) throws Exception {
        return db.queryLong("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indisvalid AND c.relname IN ('"
                + String.join("','", names) + "')");
    }

    /** No failed row in the history and no statement progress left behind. */
    static void assertClean(TestDatabase db, Migrations m) throws Exception {
        assertThat(db.queryLong("SELECT count(*) FROM " + m.history() + " WHERE NOT success")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM " + m.progress())).isZero();
    }
}
