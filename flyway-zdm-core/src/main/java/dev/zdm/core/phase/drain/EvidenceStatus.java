package dev.zdm.core.phase.drain;

import java.util.Locale;

/** What one source of drain evidence says. */
public enum EvidenceStatus {
    /** The source shows the old instances gone (or, for soak and confirmation, the condition met). */
    HOLDS,
    /** The source shows old instances still at work: the contract must wait. */
    AGAINST,
    /** The source is configured but does not hold yet (soak not elapsed, no confirmation, no baseline yet). */
    MISSING,
    /** The operator has not configured the source. */
    NOT_CONFIGURED,
    /** The database cannot answer (pg_stat_statements not loaded, not installed, or not readable). */
    UNAVAILABLE;

    /** {@code holds}, {@code not_configured}: the form stored in JSON. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The inverse of {@link #value()}. */
    public static EvidenceStatus parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
