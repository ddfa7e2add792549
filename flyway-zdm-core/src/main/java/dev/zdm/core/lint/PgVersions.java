package dev.zdm.core.lint;

/**
 * The PostgreSQL major versions a rule applies to, both ends inclusive.
 *
 * @param from the first major version it applies to
 * @param to   the last, or {@link Integer#MAX_VALUE}
 */
public record PgVersions(int from, int to) {
    public static final PgVersions ALL = new PgVersions(0, Integer.MAX_VALUE);

    public static PgVersions from(int major) {
        return new PgVersions(major, Integer.MAX_VALUE);
    }

    public static PgVersions until(int major) {
        return new PgVersions(0, major);
    }

    public boolean contains(int major) {
        return major >= from && major <= to;
    }

    /** {@code all}, {@code 14+}, {@code up to 11}. */
    public String describe() {
        if (from == 0 && to == Integer.MAX_VALUE) {
            return "all versions";
        }
        if (to == Integer.MAX_VALUE) {
            return from + " and later";
        }
        if (from == 0) {
            return "up to " + to;
        }
        return from + " to " + to;
    }
}
