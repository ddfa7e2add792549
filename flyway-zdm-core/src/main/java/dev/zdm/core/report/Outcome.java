package dev.zdm.core.report;

import java.util.Collection;

/**
 * The answer of a check ({@code zdm:verify}), a checklist item ({@code zdm:checklist}) or one line of their evidence,
 * as reports show it: {@code [x]} passed, {@code [ ]} failed, {@code [?]} unknown (nothing could answer it; it does
 * not fail a build unless asked to).
 */
public enum Outcome {
    /** The evidence answers yes. */
    PASSED("x"),
    /** The evidence answers no: something to do. */
    FAILED(" "),
    /** Nothing could answer it (no database, no statistics, an extension not installed). */
    UNKNOWN("?");

    private final String box;

    Outcome(String box) {
        this.box = box;
    }

    /** The character inside a task box: {@code x}, a space, {@code ?}. */
    public String box() {
        return box;
    }

    /** FAILED when any is, else UNKNOWN when any is, else PASSED (also for none: nothing to object to). */
    public static Outcome worst(Collection<Outcome> outcomes) {
        if (outcomes.contains(FAILED)) {
            return FAILED;
        }
        return outcomes.contains(UNKNOWN) ? UNKNOWN : PASSED;
    }
}
