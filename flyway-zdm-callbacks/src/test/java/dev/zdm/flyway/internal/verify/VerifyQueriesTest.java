package dev.zdm.flyway.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.lint.DirectiveProblems;
import dev.zdm.core.sql.SqlScript;
import org.junit.jupiter.api.Test;

/** Where {@code -- zdm:verify} may be written, and what is taken as its query. */
class VerifyQueriesTest {
    private static final String SCRIPT = """
            -- zdm:verify SELECT count(*) > 0 FROM a;

            CREATE TABLE b (id int);
            -- zdm:ignore ZDM101 tiny
            -- zdm:verify SELECT NOT EXISTS (SELECT 1 FROM b WHERE id IS NULL)
            CREATE INDEX b_id ON b (id);
            /* zdm:verify SELECT true */
            SELECT 1;
            """;

    @Test
    void readsTheFileAndStatementDirectivesInLineOrderWithoutTheirSemicolon() {
        assertThat(VerifyQueries.of(SqlScript.parse("V1__a.sql", SCRIPT))).containsExactly(
                new VerifyQuery("V1__a.sql", 1, "SELECT count(*) > 0 FROM a"),
                new VerifyQuery("V1__a.sql", 5, "SELECT NOT EXISTS (SELECT 1 FROM b WHERE id IS NULL)"),
                new VerifyQuery("V1__a.sql", 7, "SELECT true"));
    }

    @Test
    void isAKnownDirectiveForLintAndTheMigrateTimeCheck() {
        assertThat(DirectiveProblems.of(SqlScript.parse("V1__a.sql", SCRIPT))).isEmpty();
        assertThat(DirectiveProblems.of(SqlScript.parse("V1__a.sql", "-- zdm:verfy SELECT true\nSELECT 1;\n")))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("did you mean zdm:verify?"));
    }
}
