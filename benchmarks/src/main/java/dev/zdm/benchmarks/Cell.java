package dev.zdm.benchmarks;

import java.time.Duration;
import java.util.Locale;

/**
 * One measured value in a {@link Table}: the text the tables show and, when it is a measurement, the number the JSON
 * file holds (milliseconds, seconds, a ratio or a count, in the unit the column's header names).
 *
 * @param text   what the text and Markdown tables show
 * @param number the value for {@code results.json}, or null for text (a label, {@code -})
 */
public record Cell(String text, Number number) {

    /** A cell for a table row: a Cell as it is, a whole number as a count, anything else as text. */
    static Cell of(Object value) {
        if (value instanceof Cell cell) {
            return cell;
        }
        if (value instanceof Integer || value instanceof Long) {
            return new Cell(value.toString(), (Number) value);
        }
        if (value instanceof Double d) {
            return decimal(d);
        }
        return text(String.valueOf(value));
    }

    public static Cell text(String text) {
        return new Cell(text, null);
    }

    /** Not measured here: {@code -} in the tables, null in the JSON. */
    public static Cell none() {
        return text("-");
    }

    /** Milliseconds: whole above 10 ms, one decimal below (a p99 of 3.4 ms and a stall of 5012 ms read alike). */
    public static Cell millis(Duration d) {
        double ms = d.toNanos() / 1e6;
        if (ms >= 10) {
            return new Cell(format("%.0f", ms), Math.round(ms));
        }
        return new Cell(format("%.1f", ms), round(ms, 1));
    }

    /** Seconds with two decimals. */
    public static Cell seconds(Duration d) {
        double s = d.toNanos() / 1e9;
        return new Cell(format("%.2f", s), round(s, 2));
    }

    /** How many times {@code value} is {@code base}: {@code 12.5x} (one decimal from 10x, two below). */
    public static Cell ratio(double value, double base) {
        return ratio(base == 0 ? Double.NaN : value / base);
    }

    /** How many times {@code value} took {@code base}. */
    public static Cell ratio(Duration value, Duration base) {
        return ratio(value.toNanos(), base.toNanos());
    }

    public static Cell ratio(double times) {
        if (Double.isNaN(times) || Double.isInfinite(times)) {
            return none();
        }
        int decimals = times >= 10 ? 1 : 2;
        return new Cell(format("%." + decimals + "fx", times), round(times, decimals));
    }

    /** A rate or other measured decimal, shown whole with thousands separators: {@code 21,345}. */
    public static Cell rate(double perSecond) {
        return new Cell(format("%,.0f", perSecond), Math.round(perSecond));
    }

    /** A decimal with one place. */
    public static Cell decimal(double value) {
        return new Cell(format("%.1f", value), round(value, 1));
    }

    /** The same number shown as a lower bound ({@code > 61.20}): a run stopped before it finished. */
    public Cell atLeast() {
        return new Cell("> " + text, number);
    }

    /** True when the text reads as a number (right-aligned in the text tables). */
    boolean numeric() {
        return number != null;
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
