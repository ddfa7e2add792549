package dev.zdm.core.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {

    @Test
    void acceptedFindingsStayAcceptedWhenLinesMoveAndComeBackWhenTheStatementChanges(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("zdm-baseline.txt");
        LintResult first = new Linter(LintConfig.defaults()).lint(List.of(MigrationSource.of("V1__a.sql",
                "CREATE INDEX a_x ON a (x);\nALTER TABLE a DROP COLUMN y;")));
        assertThat(first.findings()).extracting(Finding::ruleId).containsExactly("ZDM101", "ZDM122");
        Baseline.write(file, first.findings());

        LintResult moved = new Linter(LintConfig.defaults(), Baseline.read(file)).lint(List.of(MigrationSource.of("V1__a.sql",
                "-- a comment that moves everything down\n\nCREATE   INDEX a_x ON a (x);\nALTER TABLE a DROP COLUMN y;\nTRUNCATE a;")));
        assertThat(moved.findings()).extracting(Finding::ruleId).containsExactly("ZDM132");
        assertThat(moved.baselined()).isEqualTo(2);

        LintResult changed = new Linter(LintConfig.defaults(), Baseline.read(file)).lint(List.of(MigrationSource.of("V1__a.sql",
                "CREATE INDEX a_x ON a (x, z);")));
        assertThat(changed.findings()).extracting(Finding::ruleId).containsExactly("ZDM101");
    }

    @Test
    void aMissingBaselineFileIsEmpty(@TempDir Path dir) throws Exception {
        assertThat(Baseline.read(dir.resolve("none.txt")).size()).isZero();
    }

    @Test
    void ruleSettingsAreValidated() {
        assertThat(LintConfig.parseRuleSettings("ZDM101:off, zdm120=warning")).containsEntry("ZDM101", "off").containsEntry("ZDM120", "warning");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LintConfig.parseRuleSettings("ZDM999:off"))
                .hasMessageContaining("unknown rule ZDM999");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LintConfig.parseRuleSettings("ZDM101:loud"))
                .hasMessageContaining("must be off, info, warning or error");
    }
}
