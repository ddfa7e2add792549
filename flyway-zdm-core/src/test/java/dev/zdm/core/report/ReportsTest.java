package dev.zdm.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.lint.LintConfig;
import dev.zdm.core.lint.LintResult;
import dev.zdm.core.lint.Linter;
import dev.zdm.core.lint.MigrationSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportsTest {
    private static final LintResult RESULT = new Linter(LintConfig.defaults()).lint(List.of(
            MigrationSource.of("V1__create.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"),
            new MigrationSource("V3__add_index.sql", "db/migration/V3__add_index.sql",
                    "-- index for login\n\nCREATE INDEX users_email ON users (email);\nCREATE TABLE t (id int PRIMARY KEY);\n", null)));

    @Test
    void textIsCompilerStyleWithTheFixBelow() {
        String text = ReportFormat.TEXT.render(RESULT);
        assertThat(text).startsWith("V3__add_index.sql:3:1: error ZDM101 CREATE INDEX on users takes a SHARE lock");
        assertThat(text).contains("    fix: CREATE INDEX CONCURRENTLY users_email ON users (email);");
        assertThat(text).contains("V3__add_index.sql:4:1: warning ZDM142");
        assertThat(text).endsWith("flyway-zdm lint: 2 findings (1 error, 1 warning, 0 info) in 3 statements of 2 files\n");
    }

    @Test
    void textListsErrorsFirstGroupedByFileThenWarnings() {
        LintResult result = new Linter(LintConfig.defaults()).lint(List.of(
                MigrationSource.of("V1__create.sql", "CREATE TABLE users (id int PRIMARY KEY, email text);\n"),
                MigrationSource.of("V2__index.sql", "CREATE TABLE t (id int PRIMARY KEY);\nCREATE INDEX users_email ON users (email);\n"),
                MigrationSource.of("V3__index.sql", "CREATE INDEX users_id ON users (id);\n")));
        List<String> locations = ReportFormat.TEXT.render(result).lines().filter(l -> l.startsWith("V")).toList();
        assertThat(locations).hasSize(4);
        assertThat(locations.get(0)).startsWith("V2__index.sql:2:1: error ZDM101");
        assertThat(locations.get(1)).startsWith("V3__index.sql:1:1: error ZDM101");
        assertThat(locations.get(2)).startsWith("V1__create.sql:1:1: warning");
        assertThat(locations.get(3)).startsWith("V2__index.sql:1:1: warning");
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        JsonNode root = JsonMapper.builder().build().readTree(ReportFormat.JSON.render(RESULT));
        assertThat(root.get("statements").asInt()).isEqualTo(3);
        assertThat(root.get("files").asInt()).isEqualTo(2);
        JsonNode first = root.get("findings").get(0);
        assertThat(first.get("ruleId").asString()).isEqualTo("ZDM101");
        assertThat(first.get("severity").asString()).isEqualTo("error");
        assertThat(first.get("file").asString()).isEqualTo("V3__add_index.sql");
        assertThat(first.get("line").asInt()).isEqualTo(3);
        assertThat(first.get("column").asInt()).isEqualTo(1);
        assertThat(first.get("statement").asString()).isEqualTo("CREATE INDEX users_email ON users (email)");
        assertThat(first.get("message").asString()).contains("SHARE lock");
        assertThat(first.get("fix").asString()).contains("CONCURRENTLY");
        JsonNode lock = first.get("locks").get(0);
        assertThat(lock.get("relation").asString()).isEqualTo("users");
        assertThat(lock.get("mode").asString()).isEqualTo("SHARE");
        assertThat(lock.get("blocksReads").asBoolean()).isFalse();
        assertThat(lock.get("blocksWrites").asBoolean()).isTrue();
    }

    @Test
    void locksAlreadyHeldByTheTransactionRaiseTheLockInForceAndTheMessageSaysSo() throws Exception {
        LintResult result = new Linter(LintConfig.defaults()).lint(List.of(MigrationSource.of("V2__two.sql",
                "ALTER TABLE users ADD COLUMN note text;\nCREATE INDEX users_email ON users (email);\n")));
        JsonNode finding = JsonMapper.builder().build().readTree(ReportFormat.JSON.render(result)).get("findings").get(0);
        assertThat(finding.get("ruleId").asString()).isEqualTo("ZDM101");
        JsonNode lock = finding.get("locks").get(0);
        assertThat(lock.get("mode").asString()).isEqualTo("ACCESS EXCLUSIVE");
        assertThat(lock.get("blocksReads").asBoolean()).isTrue();
        assertThat(lock.get("heldSince").asInt()).isEqualTo(1);
        assertThat(finding.get("message").asString()).contains("already holds ACCESS EXCLUSIVE on users (taken at line 1");
    }

    @Test
    void aSelfReferencingForeignKeyNamesItsTableOnce() {
        LintResult result = new Linter(LintConfig.defaults()).lint(List.of(MigrationSource.of("V2__fk.sql",
                "ALTER TABLE runs ADD CONSTRAINT runs_parent_fk FOREIGN KEY (parent_id) REFERENCES runs (id);\n")));
        assertThat(result.findings().get(0).message()).contains("SHARE ROW EXCLUSIVE on runs (it references itself)")
                .doesNotContain("runs and runs");
    }

    @Test
    void sarifIsVersion210WithRulesAndLocations() throws Exception {
        JsonNode root = JsonMapper.builder().build().readTree(ReportFormat.SARIF.render(RESULT));
        assertThat(root.get("version").asString()).isEqualTo("2.1.0");
        JsonNode run = root.get("runs").get(0);
        assertThat(run.get("tool").get("driver").get("rules").size()).isGreaterThanOrEqualTo(30);
        JsonNode result = run.get("results").get(0);
        assertThat(result.get("ruleId").asString()).isEqualTo("ZDM101");
        assertThat(result.get("level").asString()).isEqualTo("error");
        JsonNode location = result.get("locations").get(0).get("physicalLocation");
        assertThat(location.get("artifactLocation").get("uri").asString()).isEqualTo("db/migration/V3__add_index.sql");
        assertThat(location.get("region").get("startLine").asInt()).isEqualTo(3);
        int index = result.get("ruleIndex").asInt();
        assertThat(run.get("tool").get("driver").get("rules").get(index).get("id").asString()).isEqualTo("ZDM101");
        assertThat(run.get("results").get(1).get("level").asString()).isEqualTo("warning");
        JsonNode lock = result.get("properties").get("locks").get(0);
        assertThat(lock.get("relation").asString()).isEqualTo("users");
        assertThat(lock.get("mode").asString()).isEqualTo("SHARE");
        assertThat(lock.get("blocksWrites").asBoolean()).isTrue();
    }

    @Test
    void markdownHasATableAndTheFixes() {
        String md = ReportFormat.MARKDOWN.render(RESULT);
        assertThat(md).contains("| error | ZDM101 CREATE INDEX without CONCURRENTLY on an existing table | `V3__add_index.sql:3:1` |");
        // A relative link would be broken in the user's repository.
        assertThat(md).doesNotContain("docs/rules.md");
        assertThat(md).contains("```sql\nCREATE INDEX CONCURRENTLY users_email ON users (email);");
    }

    @Test
    void anEmptyResultSaysSo() {
        LintResult clean = new Linter(LintConfig.defaults()).lint(List.of(MigrationSource.of("V1__a.sql", "SELECT 1;")));
        assertThat(ReportFormat.TEXT.render(clean)).isEqualTo("flyway-zdm lint: no findings in 1 statement of 1 file\n");
        assertThat(ReportFormat.MARKDOWN.render(clean)).contains("No findings");
        assertThat(ReportFormat.parse("md")).isEqualTo(ReportFormat.MARKDOWN);
    }
}
