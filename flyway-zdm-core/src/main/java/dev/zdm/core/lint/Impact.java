package dev.zdm.core.lint;

/**
 * What a finding depends on, which decides whether knowing the real table lets the migrate-time gate
 * play it down.
 */
public enum Impact {
    /** Locks, rewrites or scans: harmless on a table that is new, empty or small. */
    LOCKING,
    /** Fails on a table that has rows, whatever their number. */
    NONEMPTY,
    /** Breaks the application running against the table: harmless only when the table is new. */
    BREAKING,
    /** Fails or misbehaves whatever the table holds. */
    ALWAYS
}
