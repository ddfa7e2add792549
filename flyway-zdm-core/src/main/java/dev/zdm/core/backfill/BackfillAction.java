package dev.zdm.core.backfill;

import java.util.Locale;
import java.util.Objects;

/**
 * What an operator asks of the background backfill jobs: run the pending ones to the end, or pause, resume, cancel or
 * retry one (honoured by its runner between two batches).
 *
 * @param kind what to do
 * @param id   the job, or null for {@link Kind#RUN}
 */
public record BackfillAction(Kind kind, String id) {

    /** The operator's choices. */
    public enum Kind { RUN, PAUSE, RESUME, CANCEL, RETRY }

    public BackfillAction {
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.RUN && (id == null || id.isBlank())) {
            throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT) + " needs a backfill id");
        }
    }

    /** Runs every queued or running job to the end (waiting for jobs other runners hold, taking them over if they die). */
    public static BackfillAction runPending() {
        return new BackfillAction(Kind.RUN, null);
    }

    public static BackfillAction pause(String id) {
        return new BackfillAction(Kind.PAUSE, id);
    }

    public static BackfillAction resume(String id) {
        return new BackfillAction(Kind.RESUME, id);
    }

    public static BackfillAction cancel(String id) {
        return new BackfillAction(Kind.CANCEL, id);
    }

    public static BackfillAction retry(String id) {
        return new BackfillAction(Kind.RETRY, id);
    }
}
