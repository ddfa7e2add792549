package dev.zdm.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The results files: numbers stay numbers in the JSON, the Markdown tables are well formed. No database. */
class ResultsFilesTest {
    private static final Machine MACHINE = new Machine(Instant.parse("2026-12-01T23:00:00Z"), 2, "Some CPU", 8L << 30, "Linux 6 amd64",
            "Eclipse Adoptium 17.0.12+7", "15.8", "external", 1.5);

    private static ScenarioResult scenario() {
        Table table = new Table("how", "took s", "writer max ms", "note");
        table.row("plain | naive", Cell.seconds(Duration.ofMillis(2345)), Cell.millis(Duration.ofMillis(2301)), "-");
        table.row("flyway-zdm", Cell.seconds(Duration.ofMillis(3100)), Cell.millis(Duration.ofNanos(4_560_000)), "line one\nline two");
        table.row("stopped", Cell.seconds(Duration.ofMillis(61_200)).atLeast(), Cell.none(), 3);
        return new ScenarioResult("create-index", "CREATE INDEX under load").note("200000 rows.")
                .table(table)
                .ratio("writer max latency, plain / flyway-zdm", Cell.ratio(Duration.ofMillis(2301), Duration.ofNanos(4_560_000)))
                .ratio("not computable", Cell.ratio(Duration.ofMillis(5), Duration.ZERO))
                .elapsed(Duration.ofMillis(12_340));
    }

    @Test
    void jsonKeepsMeasurementsAsNumbersKeyedByColumn() throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("rows", "200000");
        JsonNode root = JsonMapper.builder().build().readTree(ResultsFiles.json(MACHINE, args, List.of(scenario())));

        assertThat(root.get("machine").get("cores").asInt()).isEqualTo(2);
        assertThat(root.get("machine").get("postgresql").asString()).isEqualTo("15.8");
        assertThat(root.get("machine").get("date").asString()).isEqualTo("2026-12-01T23:00:00Z");
        assertThat(root.get("arguments").get("rows").asString()).isEqualTo("200000");
        JsonNode s = root.get("scenarios").get(0);
        assertThat(s.get("name").asString()).isEqualTo("create-index");
        assertThat(s.get("elapsedSeconds").asDouble()).isEqualTo(12.3);
        JsonNode rows = s.get("tables").get(0).get("rows");
        assertThat(rows.get(0).get("took s").isNumber()).isTrue();
        assertThat(rows.get(0).get("took s").asDouble()).isEqualTo(2.35);
        assertThat(rows.get(0).get("writer max ms").asLong()).isEqualTo(2301);
        assertThat(rows.get(0).get("note").isNull()).isTrue();
        assertThat(rows.get(1).get("writer max ms").asDouble()).isEqualTo(4.6);
        assertThat(rows.get(1).get("note").asString()).isEqualTo("line one\nline two");
        // a lower bound keeps its number; the count is a whole number
        assertThat(rows.get(2).get("took s").asDouble()).isEqualTo(61.2);
        assertThat(rows.get(2).get("note").isIntegralNumber()).isTrue();
        JsonNode ratios = s.get("ratios");
        assertThat(ratios.size()).isEqualTo(1);
        assertThat(ratios.get("writer max latency, plain / flyway-zdm").asDouble()).isEqualTo(504.6);
    }

    @Test
    void markdownTablesAreWellFormed() {
        String md = ResultsFiles.markdown(MACHINE, Map.of(), List.of(scenario()));

        assertThat(md).contains("Measured 2026-12-01T23:00:00Z on 2 cores (Some CPU), 8.0 GiB memory, Linux 6 amd64, "
                + "Java Eclipse Adoptium 17.0.12+7, PostgreSQL 15.8 (external server), load average 1.50 at the start.");
        assertThat(md).doesNotContain("Arguments:");
        assertThat(md).contains("### create-index: CREATE INDEX under load\n\n200000 rows.\n\n");
        assertThat(md).contains("| how | took s | writer max ms | note |\n|---|---:|---:|---|\n");
        // a pipe in a cell is escaped, a line break does not end the row, a lower bound shows as one
        assertThat(md).contains("| plain \\| naive | 2.35 | 2301 | - |\n");
        assertThat(md).contains("| flyway-zdm | 3.10 | 4.6 | line one line two |\n");
        assertThat(md).contains("| stopped | > 61.20 | - | 3 |\n");
        assertThat(md).contains("- writer max latency, plain / flyway-zdm: **504.6x**\n");
        assertThat(md).doesNotContain("not computable");
        for (String line : md.split("\n")) {
            if (line.startsWith("|")) {
                assertThat(line.replace("\\|", "").chars().filter(c -> c == '|').count()).as(line).isEqualTo(5);
            }
        }
    }

    @Test
    void scenariosAreSeparatedByABlankLine() {
        ScenarioResult lint = new ScenarioResult("lint", "lint throughput").table(new Table("phase", "statements/s").row("lint", Cell.rate(21345.4)));
        String md = ResultsFiles.markdown(MACHINE, Map.of("rows", "1000000"), List.of(scenario(), lint));

        assertThat(md).contains("load average 1.50 at the start.\nArguments: `rows=1000000`.\n\n### create-index: ");
        assertThat(md).contains("**504.6x**\n\n### lint: lint throughput\n\n| phase | statements/s |\n|---|---:|\n| lint | 21,345 |\n");
        assertThat(md).endsWith("| lint | 21,345 |\n");
        assertThat(md).doesNotContain("\n\n\n");
    }

    @Test
    void textTableAlignsNumbersRight() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Table table = new Table("how", "writer max ms");
        table.row("a", Cell.millis(Duration.ofMillis(5012)));
        table.row("longer name", Cell.millis(Duration.ofNanos(3_400_000)));
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "how          writer max ms",
                "-----------  -------------",
                "a                     5012",
                "longer name            3.4");
    }

    @Test
    void writesBothFiles(@TempDir Path dir) throws Exception {
        List<Path> files = ResultsFiles.write(dir.resolve("target"), MACHINE, Map.of(), List.of(scenario()));

        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("results.json", "results.md");
        assertThat(Files.readString(files.get(1))).startsWith("## flyway-zdm benchmark results\n");
    }

    @Test
    void emptyArgumentMeansTheDefault() {
        Args args = Args.parse(List.of("rows=", "rate=1_000", "statements=20k", "size=1m"));

        assertThat(args.integer("rows", 200_000)).isEqualTo(200_000);
        assertThat(args.integer("rate", 5)).isEqualTo(1000);
        assertThat(args.integer("statements", 5)).isEqualTo(20_000);
        assertThat(args.integer("size", 5)).isEqualTo(1_000_000);
        assertThat(args.given()).containsOnlyKeys("rate", "statements", "size");
    }
}
