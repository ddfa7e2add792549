package dev.zdm.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows of measurements under a header: printed as aligned text while the benchmarks run, and written to
 * {@code results.md} (a Markdown table) and {@code results.json} (one object per row, keyed by the header).
 */
public final class Table {
    private final List<String> header;
    private final List<List<Cell>> rows = new ArrayList<>();

    public Table(String... header) {
        this(List.of(header));
    }

    public Table(List<String> header) {
        this.header = List.copyOf(header);
    }

    /** Adds a row: {@link Cell}s, whole numbers (counts) or text. */
    public Table row(Object... cells) {
        return row(Arrays.asList(cells));
    }

    public Table row(List<?> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.size() + ": " + cells);
        }
        rows.add(cells.stream().map(Cell::of).toList());
        return this;
    }

    public List<String> header() {
        return header;
    }

    public List<List<Cell>> rows() {
        return List.copyOf(rows);
    }

    /** Aligned columns: numbers right-aligned, text left-aligned. */
    public void print(PrintStream out) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<Cell> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).text().length());
            }
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            line.append(pad(header.get(i), widths[i], false)).append("  ");
        }
        out.println(line.toString().stripTrailing());
        StringBuilder rule = new StringBuilder();
        for (int w : widths) {
            rule.append("-".repeat(w)).append("  ");
        }
        out.println(rule.toString().stripTrailing());
        for (List<Cell> row : rows) {
            line.setLength(0);
            for (int i = 0; i < widths.length; i++) {
                line.append(pad(row.get(i).text(), widths[i], row.get(i).numeric())).append("  ");
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** A GitHub Markdown table; numeric columns (every row's cell a number or {@code -}) are right-aligned. */
    public String markdown() {
        StringBuilder md = new StringBuilder("|");
        header.forEach(h -> md.append(' ').append(escape(h)).append(" |"));
        md.append("\n|");
        for (int i = 0; i < header.size(); i++) {
            md.append(numericColumn(i) ? "---:|" : "---|");
        }
        md.append('\n');
        for (List<Cell> row : rows) {
            md.append('|');
            row.forEach(c -> md.append(' ').append(escape(c.text())).append(" |"));
            md.append('\n');
        }
        return md.toString();
    }

    private boolean numericColumn(int i) {
        boolean any = false;
        for (List<Cell> row : rows) {
            Cell c = row.get(i);
            if (c.numeric()) {
                any = true;
            } else if (!c.text().equals("-")) {
                return false;
            }
        }
        return any;
    }

    /** A pipe would end the cell and a line break the row. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", " ");
    }

    private static String pad(String text, int width, boolean right) {
        String spaces = " ".repeat(width - text.length());
        return right ? spaces + text : text + spaces;
    }
}
