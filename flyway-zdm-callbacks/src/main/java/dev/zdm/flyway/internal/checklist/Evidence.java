package dev.zdm.flyway.internal.checklist;

/**
 * One line of evidence for a checklist item.
 *
 * @param tick    what this line says about the item, or null for information only (a table's size)
 * @param subject the migration line ({@code V3__index.sql:4}), migration or database object it is about
 * @param detail  what was found, in PostgreSQL terms
 * @param fix     what to do when the line is unticked or unknown, or null
 */
public record Evidence(Tick tick, String subject, String detail, String fix) {
    static Evidence info(String subject, String detail) {
        return new Evidence(null, subject, detail, null);
    }

    static Evidence ticked(String subject, String detail) {
        return new Evidence(Tick.TICKED, subject, detail, null);
    }

    static Evidence unticked(String subject, String detail, String fix) {
        return new Evidence(Tick.UNTICKED, subject, detail, fix);
    }

    static Evidence unknown(String subject, String detail, String fix) {
        return new Evidence(Tick.UNKNOWN, subject, detail, fix);
    }
}
