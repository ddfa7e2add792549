package dev.zdm.flyway.internal.checklist;

import java.util.Collection;

/** The answer to one checklist item, or to one line of its evidence. */
public enum Tick {
    /** The evidence answers yes. */
    TICKED("x", "yes"),
    /** The evidence answers no: something to do before running. */
    UNTICKED(" ", "NO"),
    /** Nothing can answer it yet (no database, no rehearsal, a migration the analyzer cannot read). */
    UNKNOWN("?", "??");

    private final String box;
    private final String word;

    Tick(String box, String word) {
        this.box = box;
        this.word = word;
    }

    /** The character inside a Markdown task box: {@code x}, a space, {@code ?}. */
    public String box() {
        return box;
    }

    /** A short word for the terminal. */
    String word() {
        return word;
    }

    /** UNTICKED when any is, else UNKNOWN when any is, else TICKED (also for none: nothing to object to). */
    public static Tick of(Collection<Tick> ticks) {
        if (ticks.contains(UNTICKED)) {
            return UNTICKED;
        }
        return ticks.contains(UNKNOWN) ? UNKNOWN : TICKED;
    }
}
