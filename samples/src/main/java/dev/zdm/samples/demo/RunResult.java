package dev.zdm.samples.demo;

import java.util.List;

/** One run of the demo in one mode: the dataset's load time and every step's result, the baseline first. */
record RunResult(Mode mode, double loadSeconds, List<StepResult> steps) {

    /** The longest workload operation of any migration step (the baseline excluded). */
    double worstMaxMillis() {
        return steps.stream().skip(1).mapToDouble(s -> s.latency().maxMillis()).max().orElse(0);
    }

    /** Workload errors over the whole run. */
    int errors() {
        return steps.stream().mapToInt(s -> s.latency().errors()).sum();
    }
}
