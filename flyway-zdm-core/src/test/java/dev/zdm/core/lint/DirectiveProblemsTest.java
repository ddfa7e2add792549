package dev.zdm.core.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.sql.SqlScript;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectiveProblemsTest {

    private static List<DirectiveProblems.Problem> problems(String text) {
        return DirectiveProblems.of(SqlScript.parse("V3__fill.sql", text));
    }

    @Test
    void aMisspeltNameGetsADidYouMeanAndTheCorrectedDirective() {
        assertThat(problems("-- zdm:bached key=id\nUPDATE users SET a = 1 WHERE a IS NULL;\n")).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.describe()).startsWith("V3__fill.sql:1: -- zdm:bached key=id: unknown directive zdm:bached (did you mean zdm:batched?)")
                    .contains("Fix: write -- zdm:batched key=id.");
        });
    }

    @Test
    void aBlankLineDetachesAStatementDirectiveAnywhereInTheFile() {
        assertThat(problems("INSERT INTO a VALUES (1);\n-- zdm:batched key=id\n\nUPDATE users SET a = 1 WHERE a IS NULL;\n"))
                .singleElement().satisfies(p -> assertThat(p.describe()).startsWith("V3__fill.sql:2:")
                        .contains("a blank line separates it from the statement at line 4").contains("remove the blank line"));
        assertThat(problems("-- zdm:batched key=id\n\nUPDATE users SET a = 1 WHERE a IS NULL;\n"))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("not in batches"));
    }

    @Test
    void optionAndStatementErrorsOfABatchedDirectiveAreReportedAtItsLine() {
        assertThat(problems("SELECT 1;\n-- zdm:batched size=0\nUPDATE users SET a = 1 WHERE a IS NULL;\n")).singleElement()
                .satisfies(p -> assertThat(p.describe()).startsWith("V3__fill.sql:2:").contains("bad value for size: '0'").contains("at least 1"));
        assertThat(problems("-- zdm:batched sise=10\nUPDATE users SET a = 1 WHERE a IS NULL;\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("unknown option 'sise' (did you mean size?)"));
        assertThat(problems("-- zdm:batched\nINSERT INTO users VALUES (1);\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("must be an UPDATE or a DELETE, not INSERT"));
        assertThat(problems("-- zdm:batched key=created_at\nUPDATE events SET created_at = created_at + interval '1 hour';\n"))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("assigns the key column \"created_at\""));
    }

    @Test
    void backgroundIsAFlagOfBatchedAndRequireBackfillNeedsAnId() {
        assertThat(problems("-- zdm:batched key=id size=5000 background\nUPDATE users SET a = 1 WHERE a IS NULL;\n")).isEmpty();
        assertThat(problems("-- zdm:batched background=maybe\nUPDATE users SET a = 1 WHERE a IS NULL;\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("bad value for background: 'maybe'"));
        assertThat(problems("-- zdm:require-backfill V2__fill.sql\n\nALTER TABLE users DROP COLUMN old;\n")).isEmpty();
        assertThat(problems("-- zdm:require-backfill\n\nALTER TABLE users DROP COLUMN old;\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("zdm:require-backfill needs the id"));
        assertThat(problems("SELECT 1;\n-- zdm:require-backfill V2__fill.sql\nSELECT 2;\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("applies to the whole migration"));
    }

    @Test
    void directivesAfterTheLastStatementAndMisplacedFileDirectivesAreReported() {
        assertThat(problems("SELECT 1;\n\n-- zdm:batched\n")).singleElement()
                .satisfies(p -> assertThat(p.describe()).startsWith("V3__fill.sql:3:").contains("after the last statement"));
        assertThat(problems("SELECT 1;\n-- zdm:plain reason\nSELECT 2;\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("applies to the whole migration"));
    }

    @Test
    void aBatchedDirectiveAfterItsStatementIsReported() {
        assertThat(problems("UPDATE users SET a = 1 WHERE a IS NULL; -- zdm:batched key=id\nSELECT 1;\n")).singleElement()
                .satisfies(p -> {
                    assertThat(p.message()).contains("written after the statement at line 1");
                    assertThat(p.directive()).isEqualTo("-- zdm:batched key=id");
                });
        assertThat(problems("UPDATE users\nSET a = 1 WHERE a IS NULL; /* zdm:batched */\n")).singleElement()
                .satisfies(p -> assertThat(p.fix()).contains("on the line before"));
        assertThat(problems("/* zdm:batched key=id */ UPDATE users SET a = 1 WHERE a IS NULL;\n")).isEmpty();
        assertThat(problems("CREATE INDEX a_x ON a (x); -- zdm:ignore ZDM101 tiny\n")).isEmpty();
    }

    @Test
    void aBatchedUpdateFromWhoseSetCannotFalsifyItsWhereIsAWarningWithTheGuard() {
        assertThat(problems("-- zdm:batched key=id\nUPDATE orders o SET customer_name = c.name FROM customers c WHERE c.id = o.customer_id;\n"))
                .singleElement().satisfies(p -> {
                    assertThat(p.warning()).isTrue();
                    assertThat(p.message()).contains("changes no column that the WHERE (c.id = o.customer_id) reads")
                            .contains("WHERE c.id = o.customer_id AND \"o\".\"customer_name\" IS DISTINCT FROM (c.name)");
                });
    }

    @Test
    void wellFormedDirectivesPass() {
        assertThat(problems("-- zdm:plain commits on its own\n\n-- zdm:ignore ZDM131 tiny\nUPDATE a SET x = 1;\n"
                + "-- zdm:batched key=id size=500 pause=50ms\n-- why: new column\nUPDATE users SET a = 1 WHERE a IS NULL;\n"
                + "/* zdm:ignore-file ZDM101 tiny */\n")).hasSize(1); // only the trailing ignore-file is attached to nothing
        assertThat(problems("-- zdm:batched key=id\nUPDATE users SET a = 1 WHERE a IS NULL;")).isEmpty();
    }

    @Test
    void aPhaseDirectiveNeedsAKnownValueAndGetsADidYouMean() {
        assertThat(problems("-- zdm:phase=contrct\n\nALTER TABLE users DROP COLUMN legacy;\n")).singleElement().satisfies(p -> {
            assertThat(p.describe()).startsWith("V3__fill.sql:1: -- zdm:phase=contrct: unknown phase 'contrct' (did you mean contract?)")
                    .contains("expand, migrate, contract").contains("Fix: write -- zdm:phase=contract.");
            assertThat(p.warning()).isFalse();
        });
        assertThat(problems("-- zdm:phase\nALTER TABLE users ADD COLUMN n text;\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("zdm:phase needs the migration's phase as its value"));
        assertThat(problems("-- zdm:phase contract\nALTER TABLE users ADD COLUMN n text;\n")).singleElement()
                .satisfies(p -> assertThat(p.fix()).contains("-- zdm:phase=contract"));
        assertThat(problems("-- zdm:phase=expand\n\nALTER TABLE users ADD COLUMN n text;\n")).isEmpty();
        assertThat(problems("-- zdm:phase=CONTRACT\nALTER TABLE users DROP COLUMN legacy;\n")).isEmpty();
    }

    @Test
    void aPhaseDirectiveIsAFileDirectiveAndAMigrationHasOnePhase() {
        assertThat(problems("SELECT 1;\n-- zdm:phase=contract\nSELECT 2;\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("applies to the whole migration"));
        assertThat(problems("-- zdm:phase=expand\n-- zdm:phase=contract\n\nSELECT 1;\n")).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("already declares -- zdm:phase=expand at line 1");
        });
    }
}
