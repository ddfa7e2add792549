package dev.zdm.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FragmentCheckTest {

    @Test
    void aStatementSeparatorOutsideStringsIsRefused() {
        assertThatThrownBy(() -> FragmentCheck.require("Zdm.addCheckConstraint", "true); DROP TABLE victim; --"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Zdm.addCheckConstraint(\"true); DROP TABLE victim; --\") contains ';' at offset 5");
    }

    @Test
    void aTrailingLineCommentIsRefusedEvenWithANewlineAfterIt() {
        assertThatThrownBy(() -> FragmentCheck.require("Backfill.set", "v = 1 --"))
                .hasMessageStartingWith("Backfill.set(\"v = 1 --\") ends in a -- comment at offset 6");
        assertThatThrownBy(() -> FragmentCheck.require("Backfill.where", "v IS NULL -- only the new ones\n"))
                .hasMessageContaining("ends in a -- comment");
    }

    @Test
    void indexPredicatesAndExpressionsGoThroughTheSameCheck() {
        assertThatThrownBy(() -> dev.zdm.core.ddl.IndexDefinition.on("t").columns("a").where("deleted_at IS NULL; DROP TABLE t"))
                .hasMessageStartingWith("IndexDefinition.where(");
        assertThatThrownBy(() -> dev.zdm.core.ddl.IndexDefinition.on("t").expressions("lower(email)) --"))
                .hasMessageStartingWith("IndexDefinition.expressions(");
        assertThat(dev.zdm.core.ddl.IndexDefinition.on("t").expressions("lower(email)").where("note <> ';'").toString())
                .contains("WHERE note <> ';'");
    }

    @Test
    void unbalancedOrUnterminatedTextIsRefused() {
        assertThat(FragmentCheck.problem("true) OR (false")).get().asString().contains("unbalanced parentheses");
        assertThat(FragmentCheck.problem("(a = 1")).get().asString().contains("unbalanced parentheses");
        assertThat(FragmentCheck.problem("a = 'x")).get().asString().contains("unterminated string constant");
        assertThat(FragmentCheck.problem("a = 1 /* note")).get().asString().contains("unterminated /* comment");
        assertThat(FragmentCheck.problem("  ")).contains("is empty");
        assertThat(FragmentCheck.problem("/* nothing */ -- else")).contains("holds only comments");
    }

    @Test
    void separatorsAndCommentMarkersInsideLiteralsAndCommentsFollowedBySqlAreFine() {
        assertThat(FragmentCheck.problem("note <> 'a; DROP TABLE t; --'")).isEmpty();
        assertThat(FragmentCheck.problem("body = $$x; /* y$$ AND \"odd;--name\" IS NULL")).isEmpty();
        assertThat(FragmentCheck.problem("((a > 0) AND (b IN (1, 2)))")).isEmpty();
        assertThat(FragmentCheck.problem("a = 1 -- first\n AND b = 2")).isEmpty();
        assertThat(FragmentCheck.problem("a = 1 /* closed */")).isEmpty();
        assertThat(FragmentCheck.require("x", "  a = 1  ")).isEqualTo("a = 1");
    }
}
