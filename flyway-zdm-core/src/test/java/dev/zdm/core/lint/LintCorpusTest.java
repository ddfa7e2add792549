package dev.zdm.core.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.phase.PhaseMode;
import dev.zdm.core.sql.SqlScript;
import dev.zdm.core.sql.SqlStatement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The table-driven corpus: every case in {@code src/test/resources/lint/*.sql} is linted on each PostgreSQL
 * version it names and must produce exactly the expected rule ids (a false alarm fails like a miss).
 */
class LintCorpusTest {

    static List<String> corpusFiles() throws IOException {
        try (InputStream in = LintCorpusTest.class.getResourceAsStream("/lint/index.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    static List<CorpusCase> allCases() throws IOException {
        List<CorpusCase> all = new ArrayList<>();
        for (String file : corpusFiles()) {
            all.addAll(CorpusCase.read(file));
        }
        return all;
    }

    @TestFactory
    Stream<DynamicTest> corpus() throws IOException {
        return allCases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
    }

    @Test
    void theCorpusIsLargeAndCoversEveryRuleWithBadAndSafeCases() throws IOException {
        List<CorpusCase> cases = allCases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(250);
        for (Rule rule : Rules.all()) {
            List<CorpusCase> own = cases.stream().filter(c -> c.source().equals(rule.id() + ".sql")).toList();
            assertThat(own).as("cases in %s.sql", rule.id())
                    .anySatisfy(c -> assertThat(ids(c)).contains(rule.id()))
                    .anySatisfy(c -> assertThat(ids(c)).doesNotContain(rule.id()));
        }
    }

    @Test
    void theIndexListsEveryCorpusFileOfARule() throws IOException {
        List<String> files = corpusFiles();
        for (Rule rule : Rules.all()) {
            assertThat(files).contains(rule.id() + ".sql");
        }
    }

    private static List<String> ids(CorpusCase c) {
        return c.expect() == null ? List.of() : c.expect().stream().map(e -> e.replaceFirst(":.*", "")).toList();
    }

    private static void check(CorpusCase c) {
        if (c.statements() != null) {
            SqlScript script = SqlScript.parse(c.files().get(0).fileName(), c.files().get(0).text());
            assertThat(script.statements()).as("statements of %s:\n%s", c, describe(script)).hasSize(c.statements());
            if (c.kinds() != null) {
                assertThat(script.statements().stream().map(s -> s.model().kind().name()).toList()).as("kinds of %s", c)
                        .containsExactlyElementsOf(c.kinds());
            }
        }
        if (c.expect() == null) {
            return;
        }
        for (int version : c.versions()) {
            LintConfig config = LintConfig.defaults().withPostgresVersion(version)
                    .withAssumeRunner(!"false".equals(c.config().get("assumeRunner")))
                    .withSince(c.config().get("since"))
                    .withRuleSettings(LintConfig.parseRuleSettings(c.config().getOrDefault("rules", "")))
                    .withPhases(PhaseMode.parse(c.config().getOrDefault("phases", "declared")));
            LintResult result = new Linter(config).lint(c.files());
            List<String> found = result.findings().stream()
                    .map(f -> c.expect().stream().anyMatch(e -> e.contains(":")) ? f.ruleId() + ":" + f.severity().id() : f.ruleId())
                    .toList();
            assertThat(new TreeSet<>(found)).as("findings of %s on PostgreSQL %d:\n%s", c, version, describe(result))
                    .isEqualTo(new TreeSet<>(c.expect()));
            if (c.fix() != null) {
                assertThat(result.findings()).as("fixes of %s on PostgreSQL %d:\n%s", c, version, describe(result))
                        .isNotEmpty().allSatisfy(f -> assertThat(f.fix()).contains(c.fix()));
            }
        }
    }

    private static String describe(LintResult result) {
        StringBuilder out = new StringBuilder();
        result.findings().forEach(f -> out.append("  ").append(f.location()).append(' ').append(f.severity().id()).append(' ')
                .append(f.ruleId()).append(' ').append(f.message()).append(" | fix: ").append(f.fix()).append('\n'));
        return out.length() == 0 ? "  (none)" : out.toString();
    }

    private static String describe(SqlScript script) {
        StringBuilder out = new StringBuilder();
        for (SqlStatement s : script.statements()) {
            out.append("  [").append(s.model().kind()).append("] ").append(s.sql().replace("\n", "\\n")).append('\n');
        }
        return out.toString();
    }

}
