package dev.zdm.samples.demo;

/**
 * What the workload saw during one step.
 *
 * @param title          the step
 * @param seconds        how long the step took
 * @param latency        the workload's operations during the step
 * @param lockWaitMillis the longest a workload statement was seen waiting for a lock
 * @param note           what the step did (applied, held, contracted)
 */
record StepResult(String title, double seconds, LatencySnapshot latency, double lockWaitMillis, String note) {
}
