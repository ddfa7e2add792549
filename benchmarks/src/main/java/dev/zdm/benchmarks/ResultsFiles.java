package dev.zdm.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a run's results as {@code results.json} (machine, arguments, and per scenario its notes, rows keyed by
 * column and ratios, measurements as numbers) and {@code results.md} (the same as Markdown tables).
 */
public final class ResultsFiles {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ResultsFiles() {
    }

    /** Writes both files into {@code directory} (created if needed) and returns their paths, JSON first. */
    public static List<Path> write(Path directory, Machine machine, Map<String, String> arguments, List<ScenarioResult> results)
            throws IOException {
        Files.createDirectories(directory);
        Path json = directory.resolve("results.json");
        Path md = directory.resolve("results.md");
        Files.writeString(json, json(machine, arguments, results));
        Files.writeString(md, markdown(machine, arguments, results));
        return List.of(json, md);
    }

    static String json(Machine machine, Map<String, String> arguments, List<ScenarioResult> results) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode m = root.putObject("machine");
        m.put("date", machine.date().toString());
        m.put("cores", machine.cores());
        m.put("cpu", machine.cpu());
        m.put("memoryBytes", machine.memoryBytes());
        m.put("os", machine.os());
        m.put("java", machine.java());
        m.put("postgresql", machine.postgres());
        m.put("server", machine.server());
        m.put("loadAverageAtStart", machine.loadAverage());
        ObjectNode args = root.putObject("arguments");
        arguments.forEach(args::put);
        ArrayNode scenarios = root.putArray("scenarios");
        for (ScenarioResult r : results) {
            ObjectNode s = scenarios.addObject();
            s.put("name", r.name());
            s.put("title", r.title());
            s.put("elapsedSeconds", Math.round(r.elapsed().toMillis() / 100.0) / 10.0);
            ArrayNode notes = s.putArray("notes");
            r.notes().forEach(notes::add);
            ArrayNode tables = s.putArray("tables");
            for (Table t : r.tables()) {
                ObjectNode table = tables.addObject();
                ArrayNode columns = table.putArray("columns");
                t.header().forEach(columns::add);
                ArrayNode rows = table.putArray("rows");
                for (List<Cell> row : t.rows()) {
                    ObjectNode o = rows.addObject();
                    for (int i = 0; i < row.size(); i++) {
                        put(o, t.header().get(i), row.get(i));
                    }
                }
            }
            ObjectNode ratios = s.putObject("ratios");
            r.ratios().forEach(ratio -> put(ratios, ratio.label(), ratio.value()));
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** A measurement as a JSON number; text as a string; {@code -} (not measured) as null. */
    private static void put(ObjectNode o, String key, Cell cell) {
        Number n = cell.number();
        if (n instanceof Integer || n instanceof Long) {
            o.put(key, n.longValue());
        } else if (n != null) {
            o.put(key, n.doubleValue());
        } else if (cell.text().equals("-")) {
            o.putNull(key);
        } else {
            o.put(key, cell.text());
        }
    }

    static String markdown(Machine machine, Map<String, String> arguments, List<ScenarioResult> results) {
        StringBuilder md = new StringBuilder("## flyway-zdm benchmark results\n\n");
        md.append("Measured ").append(machine.date()).append(" on ").append(machine.summary()).append(".\n");
        if (!arguments.isEmpty()) {
            md.append("Arguments: ");
            arguments.forEach((k, v) -> md.append('`').append(k).append('=').append(v).append("` "));
            md.setLength(md.length() - 1);
            md.append(".\n");
        }
        md.append('\n');
        for (ScenarioResult r : results) {
            md.append("### ").append(r.name()).append(": ").append(r.title()).append("\n\n");
            if (!r.notes().isEmpty()) {
                md.append(String.join("\n", r.notes())).append("\n\n");
            }
            for (Table t : r.tables()) {
                md.append(t.markdown()).append('\n');
            }
            for (ScenarioResult.Ratio ratio : r.ratios()) {
                md.append("- ").append(ratio.label()).append(": **").append(ratio.value().text()).append("**\n");
            }
            if (!r.ratios().isEmpty()) {
                md.append('\n');
            }
        }
        return md.toString().stripTrailing() + "\n";
    }
}
