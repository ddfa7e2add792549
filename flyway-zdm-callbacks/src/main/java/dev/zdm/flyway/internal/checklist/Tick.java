package dev.zdm.flyway.internal.checklist;

import java.util.Collection;

/** The answer to one checklist item, or to one line of its evidence. */
public enum Tick {
    /** The evidence answers yes. */
    TICKED("x"),
    /** The evidence answers no: something to do before running. */
    UNTICKED(" "),
    /** Nothing can answer it yet (no database, no rehearsal, a migration the analyzer cannot read). */
    UNKNOWN("?");

    private final String box;

    Tick(String box) {
        this.box = box;
    }

    /** The character inside a Markdown task box: {@code x}, a space, {@code ?}. */
    public String box() {
        return box;
    }

    /** UNTICKED when any is, else UNKNOWN when any is, else TICKED (also for none: nothing to object to). */
    public static Tick of(Collection<Tick> ticks) {
        if (ticks.contains(UNTICKED)) {
            return UNTICKED;
        }
        return ticks.contains(UNKNOWN) ? UNKNOWN : TICKED;
    }
}
