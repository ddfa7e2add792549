package dev.zdm.flyway.internal.checklist;

import dev.zdm.core.report.Outcome;
import java.util.Collection;

/** The answer to one checklist item, or to one line of its evidence: the checklist's words for an {@link Outcome}. */
public enum Tick {
    /** The evidence answers yes. */
    TICKED(Outcome.PASSED),
    /** The evidence answers no: something to do before running. */
    UNTICKED(Outcome.FAILED),
    /** Nothing can answer it yet (no database, no rehearsal, a migration the analyzer cannot read). */
    UNKNOWN(Outcome.UNKNOWN);

    private final Outcome outcome;

    Tick(Outcome outcome) {
        this.outcome = outcome;
    }

    /** The shared outcome this answer renders as ({@code [x]}, {@code [ ]}, {@code [?]}). */
    public Outcome outcome() {
        return outcome;
    }

    /** The character inside a Markdown task box: {@code x}, a space, {@code ?}. */
    public String box() {
        return outcome.box();
    }

    /** UNTICKED when any is, else UNKNOWN when any is, else TICKED (also for none: nothing to object to). */
    public static Tick of(Collection<Tick> ticks) {
        Outcome worst = Outcome.worst(ticks.stream().map(Tick::outcome).toList());
        for (Tick t : values()) {
            if (t.outcome == worst) {
                return t;
            }
        }
        throw new IllegalStateException(String.valueOf(worst));
    }
}
