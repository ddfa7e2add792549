package dev.zdm.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementFingerprintTest {

    @Test
    void commentsSpacingKeywordCaseAndTheSemicolonDoNotCount() {
        String base = StatementFingerprint.of("UPDATE users SET a = 1 WHERE id = 2;");
        assertThat(StatementFingerprint.of("-- zdm:batched size=10\nupdate   users\n  set a = 1 /* note */ where id = 2"))
                .isEqualTo(base).hasSize(16);
    }

    @Test
    void whatTheStatementSaysCounts() {
        String base = StatementFingerprint.of("INSERT INTO t VALUES ('a', 1)");
        assertThat(StatementFingerprint.of("INSERT INTO t VALUES ('A', 1)")).as("string case").isNotEqualTo(base);
        assertThat(StatementFingerprint.of("INSERT INTO t VALUES ('a', 2)")).as("number").isNotEqualTo(base);
        assertThat(StatementFingerprint.of("INSERT INTO \"T\" VALUES ('a', 1)")).as("quoted identifier").isNotEqualTo(base);
        assertThat(StatementFingerprint.of("INSERT INTO t VALUES ('a -- not a comment', 1)"))
                .isNotEqualTo(StatementFingerprint.of("INSERT INTO t VALUES ('a', 1)"));
    }

    @Test
    void aPayloadSuchAsCopyRowsCounts() {
        assertThat(StatementFingerprint.of("COPY t FROM STDIN", "1\tone\n")).isNotEqualTo(StatementFingerprint.of("COPY t FROM STDIN", "1\tuno\n"))
                .isNotEqualTo(StatementFingerprint.of("COPY t FROM STDIN"));
    }
}
