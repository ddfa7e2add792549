package dev.zdm.flyway.internal.gate;

/**
 * What the live database says about a relation a finding is about.
 *
 * @param exists false when no such table (or index) exists yet
 * @param rows   estimated rows: pg_class.reltuples, or the statistics' live tuples when never analyzed
 */
record TableSize(boolean exists, long rows) {
    static final TableSize MISSING = new TableSize(false, 0);

    String describe() {
        return "about " + String.format("%,d", rows) + (rows == 1 ? " row" : " rows");
    }
}
