package dev.zdm.samples.demo;

/** How the demo's schema changes run: with flyway-zdm, or the naive way (plain Flyway, naive SQL). */
enum Mode {
    ZDM("flyway-zdm", "zdm_demo", "db/demo/zdm"),
    NAIVE("naive", "zdm_demo_naive", "db/demo/naive");

    private final String label;
    private final String schema;
    private final String migrations;

    Mode(String label, String schema, String migrations) {
        this.label = label;
        this.schema = schema;
        this.migrations = migrations;
    }

    String label() {
        return label;
    }

    /** The schema the run owns (dropped and created again at its start). */
    String schema() {
        return schema;
    }

    /** The classpath folder holding one folder of migrations per step ({@code step1}, {@code step2}, ...). */
    String migrations() {
        return migrations;
    }
}
