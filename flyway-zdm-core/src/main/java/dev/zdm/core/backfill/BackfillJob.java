package dev.zdm.core.backfill;

import dev.zdm.core.text.Durations;
import java.time.Duration;

/**
 * A backfill as a job: its checkpoint row, whether it is a background job, the operator's pending request and the runner.
 *
 * @param checkpoint    the row ({@link BackfillCheckpoint}): state, rows done, last key, last error
 * @param background    recorded by its migration to run in the background (false: run by its migration itself)
 * @param requested     the operator's request not yet honoured by the runner ({@code pause}, {@code cancel}), or null
 * @param runner        the runner that took it last (host, pid, name), or null
 * @param activeRunner  the session running it now ({@code pid 123 (application)}), or null when no session holds its run lock
 * @param estimatedRows the target table's estimated rows ({@code pg_class.reltuples}), or -1 when unknown
 */
public record BackfillJob(BackfillCheckpoint checkpoint, boolean background, String requested, String runner, String activeRunner,
                          long estimatedRows) {

    public String id() {
        return checkpoint.backfillId();
    }

    public BackfillCheckpoint.State state() {
        return checkpoint.state();
    }

    public boolean done() {
        return checkpoint.state() == BackfillCheckpoint.State.DONE;
    }

    /** Keys walked per second while batches ran (pauses and throttling left out), or 0 before the first batch. */
    public long keysPerSecond() {
        long ms = checkpoint.active().toMillis();
        return ms <= 0 ? 0 : checkpoint.keysScanned() * 1000 / ms;
    }

    /** The time left at {@link #keysPerSecond()} for the estimated keys not walked yet; null when it cannot be told. */
    public Duration eta() {
        long rate = keysPerSecond();
        if (done() || rate <= 0 || estimatedRows < 0) {
            return null;
        }
        return Duration.ofSeconds(Math.max(0, estimatedRows - checkpoint.keysScanned()) / rate);
    }

    /** One line for messages and status: {@code running, 420000 rows done (~42% of 1000000), 38000 keys/s, eta 15s, runner ...}. */
    public String progress() {
        StringBuilder out = new StringBuilder(checkpoint.state().sql());
        if (requested != null) {
            out.append(" (").append(requested).append(" requested)");
        }
        out.append(", ").append(checkpoint.rowsDone()).append(" rows done");
        if (estimatedRows > 0 && !done()) {
            out.append(" (~").append(Math.min(100, checkpoint.keysScanned() * 100 / estimatedRows)).append("% of ~").append(estimatedRows)
                    .append(" rows walked)");
        }
        long rate = keysPerSecond();
        if (rate > 0) {
            out.append(", ").append(rate).append(" keys/s");
        }
        Duration eta = eta();
        if (eta != null) {
            out.append(", eta ").append(Durations.format(eta));
        }
        if (activeRunner != null) {
            out.append(", running in ").append(activeRunner);
        } else if (runner != null) {
            out.append(", last runner ").append(runner);
        }
        if (checkpoint.lastError() != null && !done()) {
            out.append(", last error: ").append(checkpoint.lastError().lines().findFirst().orElse(""));
        }
        return out.toString();
    }
}
