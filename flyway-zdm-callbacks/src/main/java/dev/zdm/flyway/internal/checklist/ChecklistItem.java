package dev.zdm.flyway.internal.checklist;

import java.sql.SQLException;

/**
 * One line of the "before running" checklist, like a lint rule or a verify check: a stable id, the question as teams
 * write it in their wiki, what ticks it, why it matters and how to tick it. {@link #judge} answers it from the pending
 * migrations and, when connected, the target database's catalog and statistics ({@link ChecklistContext}).
 */
public interface ChecklistItem {
    /** {@code ZDC01}. */
    String id();

    /** A few words: {@code production-size}. */
    String name();

    /** The checklist line: {@code Tested on a production-size dataset?}. */
    String question();

    /** One line: what ticks it. */
    String summary();

    /** Why an unticked item matters on a live database. */
    String why();

    /** How to tick it. */
    String fix();

    /** The answer, with its evidence. */
    ItemOutcome judge(ChecklistContext context) throws SQLException;
}
