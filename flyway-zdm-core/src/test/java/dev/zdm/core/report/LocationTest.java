package dev.zdm.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zdm.core.lint.LintConfig;
import dev.zdm.core.lint.Linter;
import dev.zdm.core.lint.MigrationSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The shared location and task lines: how they print, and their JSON. */
class LocationTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void printsAMigrationLineOrADatabaseObject() {
        assertThat(Location.file("V3__index.sql").display()).isEqualTo("V3__index.sql");
        assertThat(Location.line("V3__index.sql", 4).display()).isEqualTo("V3__index.sql:4");
        assertThat(new Location.MigrationLine("V3__index.sql", 4, 1).display()).isEqualTo("V3__index.sql:4:1");
        assertThat(Location.object("index", "public.orders_code_key").display()).isEqualTo("public.orders_code_key");
    }

    @Test
    void aLintFindingIsAtItsStatement() {
        var finding = new Linter(LintConfig.defaults()).lint(List.of(MigrationSource.of("V2__index.sql",
                "CREATE TABLE t (id int);\nCREATE INDEX t_id ON users (id);\n"))).findings().stream()
                .filter(f -> f.ruleId().equals("ZDM101")).findFirst().orElseThrow();
        assertThat(Location.of(finding)).isEqualTo(new Location.MigrationLine("V2__index.sql", 2, 1));
        assertThat(Location.of(finding).display()).isEqualTo(finding.location());
    }

    @Test
    void jsonSaysWhichKind() {
        assertThat(MAPPER.writeValueAsString(Location.line("V3__x.sql", 4)))
                .isEqualTo("{\"type\":\"migration\",\"file\":\"V3__x.sql\",\"line\":4,\"column\":0}");
        assertThat(MAPPER.writeValueAsString(Location.object("table", "public.users")))
                .isEqualTo("{\"type\":\"object\",\"kind\":\"table\",\"name\":\"public.users\"}");
    }

    @Test
    void taskLinesInMarkdownAndText() {
        Location where = Location.object("table", "public.orders");
        assertThat(TaskList.markdownTask(Outcome.UNKNOWN, "ZDV08", "a | b\nc")).isEqualTo("- [?] **ZDV08** a \\| b c\n");
        assertThat(TaskList.markdownLine(Outcome.FAILED, where, "3 rows", "fix them"))
                .isEqualTo("  - [ ] `public.orders`: 3 rows Fix: fix them\n");
        assertThat(TaskList.markdownLine(null, Location.object("query", "a`b"), "x", null)).isEqualTo("  - `` a`b ``: x\n");
        assertThat(TaskList.textLine("  ", true, null, where, "about 20 rows", null, "    ")).isEqualTo("      public.orders: about 20 rows\n");
        assertThat(TaskList.textLine("  ", true, Outcome.PASSED, where, "ok", "never", "    "))
                .isEqualTo("  [x] public.orders: ok\n    fix: never\n");
        assertThat(Outcome.worst(List.of(Outcome.PASSED, Outcome.UNKNOWN))).isEqualTo(Outcome.UNKNOWN);
        assertThat(Outcome.worst(List.of(Outcome.UNKNOWN, Outcome.FAILED))).isEqualTo(Outcome.FAILED);
        assertThat(Outcome.worst(List.of())).isEqualTo(Outcome.PASSED);
    }
}
