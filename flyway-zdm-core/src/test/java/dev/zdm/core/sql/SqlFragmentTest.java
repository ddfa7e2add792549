package dev.zdm.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** One statement or fragment on its own, read by the lexer of {@link SqlScript}. */
class SqlFragmentTest {

    @Test
    void givesTheTokensWithoutCommentsAndTheirParenthesisDepth() {
        SqlFragment f = SqlFragment.lex("UPDATE t SET a = (b /* ( */ + 1) -- )\nWHERE c");

        assertThat(f.tokens()).extracting(SqlToken::text).containsExactly("UPDATE", "t", "SET", "a", "=", "(", "b", "+", "1", ")", "WHERE", "c");
        assertThat(f.tokens()).extracting(SqlToken::depth).containsExactly(0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0);
        assertThat(f.tokens().get(0).isWord("update")).isTrue();
        assertThat(f.tokens().get(5).isSymbol('(')).isTrue();
        assertThat(f.text(f.tokens().get(5), f.tokens().get(9))).isEqualTo("(b /* ( */ + 1)");
        assertThat(f.problem()).isEmpty();
    }

    @Test
    void readsTheLeadingCommentsAndTheBodyAfterThem() {
        SqlFragment f = SqlFragment.lex("  -- first\n/* second /* nested */ */\n\n  UPDATE t SET a = 1 -- not leading");

        assertThat(f.leadingComments()).containsExactly("-- first", "/* second /* nested */ */");
        assertThat(f.body()).isEqualTo("UPDATE t SET a = 1 -- not leading");
        assertThat(SqlFragment.lex("UPDATE t SET a = 1").leadingComments()).isEmpty();
        assertThat(SqlFragment.lex("-- only a comment").body()).isEmpty();
    }

    @Test
    void anUnclosedCommentIsNotALeadingComment() {
        SqlFragment f = SqlFragment.lex("-- fine\n/* zdm:batched never closed\nUPDATE t SET a = 1");

        assertThat(f.leadingComments()).containsExactly("-- fine");
        assertThat(f.problem()).contains("unterminated /* comment starting at offset 8");
    }

    @Test
    void namesWhatPostgresWouldRefuseToRead() {
        assertThat(SqlFragment.lex("a = 'x").problem()).contains("unterminated string constant starting at offset 4");
        assertThat(SqlFragment.lex("a = E'x\\'").problem()).contains("unterminated string constant starting at offset 5");
        assertThat(SqlFragment.lex("\"Odd").problem()).contains("unterminated quoted identifier starting at offset 0");
        assertThat(SqlFragment.lex("x = $body$ never").problem()).contains("unterminated dollar-quoted string $body$ starting at offset 4");
        assertThat(SqlFragment.lex("(a = 1").problem()).contains("unbalanced parentheses");
        assertThat(SqlFragment.lex("a = 1) OR (b").problem()).contains("unbalanced parentheses: ')' at offset 5");
        assertThat(SqlFragment.lex("SELECT \"\" FROM t").problem()).contains("zero-length delimited identifier at offset 7");
        assertThat(SqlFragment.lex("note = 'a;b' AND x = $$ ) $$ AND \"(\" = 1").problem()).isEmpty();
    }

    @Test
    void foldsNamesAsPostgresDoes() {
        List<SqlToken> t = SqlFragment.lex("Users \"Users\" \"we\"\"ird\" Äpfel U&\"d\\0061t\" 'text'").tokens();

        assertThat(t).extracting(SqlToken::identifier).containsExactly("users", "Users", "we\"ird", "Äpfel", "d\\0061t", "'text'");
        assertThat(t).extracting(SqlToken::isName).containsExactly(true, true, true, true, true, false);
        assertThat(t).extracting(SqlToken::isUnicodeEscaped).containsExactly(false, false, false, false, true, false);
    }

    @Test
    void readsTheSameTokensAsAScript() {
        String sql = "CREATE INDEX CONCURRENTLY \"Idx\" ON app.t USING gin (tags) WHERE note <> E'a\\';b' AND x = $q$;$q$";
        SqlStatement statement = SqlScript.parse("V1__x.sql", sql).statements().get(0);

        assertThat(SqlFragment.lex(sql).tokens()).hasSize(statement.endToken() - statement.firstToken());
        assertThat(statement.model().index().name()).isEqualTo(SqlFragment.lex(sql).tokens().get(3).identifier());
    }

    @Property(tries = 300)
    void neverThrowsAndKeepsTheTokensInOrderWithinTheText(@ForAll @StringLength(max = 120) String text) {
        SqlFragment f = SqlFragment.lex(text);
        f.problem();
        int previousEnd = 0;
        for (SqlToken t : f.tokens()) {
            assertThat(t.start()).isGreaterThanOrEqualTo(previousEnd);
            assertThat(text.substring(t.start(), t.end())).isEqualTo(t.text());
            assertThat(t.depth()).isNotNegative();
            previousEnd = t.end();
        }
        assertThat(text).endsWith(f.body());
    }
}
