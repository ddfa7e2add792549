package dev.zdm.samples.demo;

/**
 * One of the seed's schema changes, as the demo applies it with flyway-zdm and the naive way. Each action returns a
 * one-line note of what it did.
 */
record DemoStep(String title, Action withZdm, Action naive) {

    /** What a step does in a run. */
    @FunctionalInterface
    interface Action {
        String run(DemoRun run) throws Exception;
    }

    Action action(Mode mode) {
        return mode == Mode.ZDM ? withZdm : naive;
    }
}
