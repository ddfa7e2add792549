package dev.zdm.benchmarks;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one benchmark measured: the set-up in a few notes, its tables, and the ratios that sum it up
 * ({@code writer max latency, plain / flyway-zdm = 24.5}). Printed while running and written to the results files.
 */
public final class ScenarioResult {
    private final String name;
    private final String title;
    private final List<String> notes = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();
    private final List<Ratio> ratios = new ArrayList<>();
    private Duration elapsed = Duration.ZERO;

    /** One summing-up ratio: what it compares ({@code label}) and how many times ({@code value} as a {@link Cell}). */
    public record Ratio(String label, Cell value) {
    }

    public ScenarioResult(String name, String title) {
        this.name = name;
        this.title = title;
    }

    /** A line of set-up or explanation (sizes, rates, what a column means). */
    public ScenarioResult note(String note) {
        notes.add(note);
        return this;
    }

    public ScenarioResult table(Table table) {
        tables.add(table);
        return this;
    }

    /** A ratio; one that cannot be computed (a zero base) is left out. */
    public ScenarioResult ratio(String label, Cell value) {
        if (value.numeric()) {
            ratios.add(new Ratio(label, value));
        }
        return this;
    }

    /** How long the whole scenario took to run (set by {@link BenchmarkMain}). */
    public ScenarioResult elapsed(Duration took) {
        this.elapsed = took;
        return this;
    }

    public Duration elapsed() {
        return elapsed;
    }

    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public List<Table> tables() {
        return List.copyOf(tables);
    }

    public List<Ratio> ratios() {
        return List.copyOf(ratios);
    }

    /** The console form: notes, tables, then the ratios. */
    public void print(PrintStream out) {
        notes.forEach(out::println);
        for (Table table : tables) {
            out.println();
            table.print(out);
        }
        if (!ratios.isEmpty()) {
            out.println();
            ratios.forEach(r -> out.println(r.label() + ": " + r.value().text()));
        }
    }
}
