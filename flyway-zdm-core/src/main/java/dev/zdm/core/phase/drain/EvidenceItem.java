package dev.zdm.core.phase.drain;

import java.util.Objects;

/**
 * What one source said.
 *
 * @param source       {@code sessions}, {@code statements}, {@code soak} or {@code confirmation}
 * @param status       its verdict
 * @param detail       what it saw, in one sentence for the operator
 * @param howToProvide what the operator can do to make it hold; null when it holds
 */
public record EvidenceItem(String source, EvidenceStatus status, String detail, String howToProvide) {
    public static final String SESSIONS = "sessions";
    public static final String STATEMENTS = "statements";
    public static final String SOAK = "soak";
    public static final String CONFIRMATION = "confirmation";

    public EvidenceItem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    /** {@code soak: MISSING - 12m of 30m since V5 finished at ...; to provide: wait 18m more}. */
    public String describe() {
        return source + ": " + status + " - " + detail + (howToProvide == null ? "" : "; to provide: " + howToProvide);
    }
}
