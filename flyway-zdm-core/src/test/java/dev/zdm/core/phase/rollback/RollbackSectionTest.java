package dev.zdm.core.phase.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.lint.DirectiveProblems;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.SqlStatement;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollbackSectionTest {

    private static SqlScript script(String text) {
        return SqlScript.parse("V3__nickname.sql", text);
    }

    @Test
    void theCommentedLinesBelowTheMarkerAreTheRollbackWithTheFilesLineNumbers() {
        SqlScript s = script("-- zdm:phase=expand\nALTER TABLE users ADD COLUMN nickname text;\nCREATE INDEX CONCURRENTLY users_nick ON users (nickname);\n\n"
                + "-- zdm:rollback\n-- DROP INDEX CONCURRENTLY IF EXISTS users_nick;\n--\n-- ALTER TABLE users\n--   DROP COLUMN IF EXISTS nickname;\n");
        RollbackSection section = RollbackSection.of(s).orElseThrow();
        assertThat(section.markerLine()).isEqualTo(5);
        assertThat(section.problems()).isEmpty();
        assertThat(section.nothingToUndo()).isFalse();
        assertThat(section.statements()).extracting(SqlStatement::sql)
                .containsExactly("DROP INDEX CONCURRENTLY IF EXISTS users_nick", "ALTER TABLE users\n  DROP COLUMN IF EXISTS nickname");
        assertThat(section.statements()).extracting(SqlStatement::line).containsExactly(6, 8);
        assertThat(section.statements().get(0).model().mustRunOutsideTransaction()).isTrue();
        assertThat(section.script().source()).isEqualTo("V3__nickname.sql (-- zdm:rollback at line 5)");
        // the migration itself is untouched: the rollback is comments to the analyzer and to Flyway
        assertThat(s.statements()).hasSize(2);
        assertThat(DirectiveProblems.of(s)).isEmpty();
    }

    @Test
    void aMarkerWithNothingBelowMeansNothingToUndoAndNoMarkerMeansNoRollback() {
        RollbackSection empty = RollbackSection.of(script("INSERT INTO colours VALUES ('teal');\n-- zdm:rollback\n")).orElseThrow();
        assertThat(empty.nothingToUndo()).isTrue();
        assertThat(empty.problems()).isEmpty();
        assertThat(RollbackSection.of(script("INSERT INTO colours VALUES ('teal');\n-- a note\n"))).isEmpty();
        assertThat(RollbackSection.of(script("SELECT '-- zdm:rollback';\n"))).isEmpty();
    }

    @Test
    void sqlBelowTheMarkerIsAProblemBecauseFlywayWouldRunIt() {
        SqlScript s = script("ALTER TABLE users ADD COLUMN nickname text;\n-- zdm:rollback\nALTER TABLE users DROP COLUMN nickname;\n");
        RollbackSection section = RollbackSection.of(s).orElseThrow();
        assertThat(section.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("not a -- comment: Flyway would run it at migrate");
            assertThat(p.fix()).contains("-- ALTER TABLE users DROP COLUMN nickname;");
        });
        List<DirectiveProblems.Problem> problems = DirectiveProblems.of(s);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.warning()).isFalse();
            assertThat(p.describe()).startsWith("V3__nickname.sql:3: ALTER TABLE users DROP COLUMN nickname;: this line comes after"
                    + " -- zdm:rollback (line 2)");
        });
    }

    @Test
    void aSecondMarkerTransactionControlAndArgumentsAreProblems() {
        assertThat(RollbackSection.of(script("SELECT 1;\n-- zdm:rollback\n-- SELECT 2;\n-- zdm:rollback\n")).orElseThrow().problems())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("a second -- zdm:rollback"));
        assertThat(RollbackSection.of(script("SELECT 1;\n-- zdm:rollback\n-- BEGIN;\n-- SELECT 2;\n-- COMMIT;\n")).orElseThrow().problems())
                .extracting(RollbackSection.Problem::line).containsExactly(3, 5);
        assertThat(RollbackSection.of(script("SELECT 1;\n-- zdm:rollback DROP TABLE t;\n")).orElseThrow().problems())
                .singleElement().satisfies(p -> assertThat(p.fix()).contains("-- DROP TABLE t;"));
    }

    @Test
    void aMisspeltMarkerGetsADidYouMean() {
        assertThat(DirectiveProblems.of(script("SELECT 1;\n-- zdm:rollbak\n-- SELECT 2;\n"))).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("did you mean zdm:rollback?"));
    }

    @Test
    void anUndoFileIsReadWhole() {
        RollbackScript file = RollbackScript.ofFile("U3__nickname.sql", "DROP INDEX CONCURRENTLY IF EXISTS users_nick;\nALTER TABLE users DROP COLUMN nickname;\n");
        assertThat(file.statements()).extracting(SqlStatement::line).containsExactly(1, 2);
        assertThat(file.source()).isEqualTo("U3__nickname.sql");
    }
}
