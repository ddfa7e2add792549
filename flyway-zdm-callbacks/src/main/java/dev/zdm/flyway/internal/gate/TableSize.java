package dev.zdm.flyway.internal.gate;

/**
 * What the live database says about a relation a finding is about.
 *
 * @param exists   false when no such table (or index) exists yet
 * @param rows     estimated rows (pg_class.reltuples), or counted up to a limit when never analyzed
 * @param atLeast  true when {@code rows} is a bounded count that stopped at its limit
 */
record TableSize(boolean exists, long rows, boolean atLeast) {
    static final TableSize MISSING = new TableSize(false, 0, false);

    String describe() {
        return (atLeast ? "at least " : "about ") + String.format("%,d", rows) + (rows == 1 ? " row" : " rows");
    }
}
