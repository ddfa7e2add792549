package dev.zdm.flyway.internal.verify;

import java.sql.SQLException;

/**
 * One check of {@code zdm:verify}, like a lint rule: a stable id, what it checks, why it matters and how to fix what
 * it finds. {@link #run} reads the database through {@link VerifyContext} only in read-only transactions that give up
 * on a lock instead of waiting ({@link ReadOnlyTransaction}).
 */
public interface IntegrityCheck {
    /** {@code ZDV01}. */
    String id();

    /** A few words: {@code invalid-index}. */
    String name();

    /** One line: what passes. */
    String summary();

    /** Why a failure matters on a live database. */
    String why();

    /** What to do about a failure. */
    String fix();

    /** The outcome on the database of {@code context}; an SQLException becomes a failed check with its message. */
    CheckOutcome run(VerifyContext context) throws SQLException;
}
