package dev.zdm.core.backfill;

import dev.zdm.core.text.Durations;
import java.time.Duration;

/**
 * Writes the progress line every backfill logs, in one structured form:
 * {@code backfill users: 420000/1000000 rows (42%), 38000 rows/s, eta 15s, batch 5000}.
 */
final class ProgressLine {
    private ProgressLine() {
    }

    /**
     * @param name      the table as the user named it
     * @param done      keys walked in this pass (including earlier runs)
     * @param total     the estimated number of rows (at least {@code done})
     * @param perSecond keys per second in this run
     * @param batchSize the current batch size
     */
    static String format(String name, long done, long total, double perSecond, int batchSize) {
        long shownTotal = Math.max(total, done);
        long percent = shownTotal == 0 ? 100 : Math.min(99, done * 100 / shownTotal);
        String eta = perSecond <= 0 ? "?" : Durations.format(Duration.ofMillis((long) ((shownTotal - done) / perSecond * 1000)));
        return "backfill " + name + ": " + done + "/" + shownTotal + " rows (" + percent + "%), " + Math.round(perSecond) + " rows/s, eta "
                + eta + ", batch " + batchSize;
    }
}
