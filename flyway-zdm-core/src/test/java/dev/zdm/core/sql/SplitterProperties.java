package dev.zdm.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The splitter never throws and never loses or reorders text, on random text and on real migrations cut,
 * spliced and sprinkled with the characters that open and close quotes and comments; and well-formed
 * statements joined by semicolons split back into exactly themselves.
 */
class SplitterProperties {
    private static final List<String> FRAGMENTS = List.of(
            "CREATE INDEX CONCURRENTLY i ON t (a)", "SELECT 'it''s; fine'", "SELECT E'a\\'; b'", "SELECT U&'d\\0061t;a'",
            "SELECT \"odd;name\" FROM t", "SELECT $$ ; $$", "SELECT $fn$ x; $$ ; $fn$", "SELECT /* a /* nested ; */ still ; */ 1",
            "SELECT 1 -- comment ; here\n+ 1", "INSERT INTO ${schema}.t VALUES ('${v}')", "CREATE FUNCTION f() RETURNS int LANGUAGE sql "
                    + "BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END",
            "CREATE RULE r AS ON INSERT TO t DO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))",
            "ALTER TABLE t ADD COLUMN c int DEFAULT 0 NOT NULL", "DO $$ BEGIN RAISE NOTICE ';'; END $$", "SELECT B'0101', X'ff', N'n;'");

    @Property(tries = 400)
    void neverThrowsAndKeepsEveryCharacterInOrder(@ForAll("sqlish") String text) {
        SqlScript script = SqlScript.parse("V1__p.sql", text);
        StringBuilder joined = new StringBuilder();
        int previousEnd = 0;
        for (SqlStatement s : script.statements()) {
            assertThat(s.segmentStart()).isEqualTo(previousEnd);
            assertThat(s.textStart()).isBetween(s.segmentStart(), s.segmentEnd());
            assertThat(s.line()).isPositive();
            s.model();
            joined.append(s.segment());
            previousEnd = s.segmentEnd();
        }
        joined.append(script.trailer());
        assertThat(joined.toString()).isEqualTo(text);
    }

    @Property(tries = 300)
    void wellFormedStatementsSplitBackIntoThemselves(@ForAll("statementLists") List<String> statements) {
        String text = String.join(";\n", statements) + ";";
        List<String> split = SqlScript.parse("V1__p.sql", text).statements().stream().map(SqlStatement::sql).toList();
        List<String> expected = new ArrayList<>();
        for (String s : statements) {
            expected.add(s.strip());
        }
        assertThat(split).containsExactlyElementsOf(expected);
    }

    @Provide
    Arbitrary<String> sqlish() {
        Arbitrary<String> random = Arbitraries.strings().withChars("abcSELECT ;'\"$-/*()\n\\{}EU&_0123456789.,").ofMaxLength(200);
        Arbitrary<String> mutated = Combinators.combine(
                Arbitraries.of(FRAGMENTS).list().ofMinSize(1).ofMaxSize(6),
                Arbitraries.integers().between(0, 400),
                Arbitraries.of("'", "\"", "$$", "$a$", "/*", "*/", "--", ";", "\n", "(", ")", "E'", "\\", "${", "BEGIN", "END", "CASE"))
                .as((parts, cut, insert) -> {
                    String joined = String.join(";\n", parts);
                    int at = Math.min(cut, joined.length());
                    return joined.substring(0, at) + insert + joined.substring(at);
                });
        return Arbitraries.oneOf(random, mutated);
    }

    @Provide
    Arbitrary<List<String>> statementLists() {
        return Arbitraries.of(FRAGMENTS).map(String::strip).list().ofMinSize(1).ofMaxSize(8);
    }
}
