package dev.zdm.flyway.internal.checklist;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zdm.core.report.Location;

/**
 * One line of evidence for a checklist item.
 *
 * @param tick     what this line says about the item, or null for information only (a table's size)
 * @param location the migration line ({@code V3__index.sql:4}), migration or database object it is about
 * @param detail   what was found, in PostgreSQL terms
 * @param fix      what to do when the line is unticked or unknown, or null
 */
public record Evidence(Tick tick, Location location, String detail, String fix) {
    /** {@link #location()} as printed, {@code V3__index.sql:4}. */
    @JsonProperty("subject")
    public String subject() {
        return location.display();
    }

    static Evidence info(Location where, String detail) {
        return new Evidence(null, where, detail, null);
    }

    static Evidence ticked(Location where, String detail) {
        return new Evidence(Tick.TICKED, where, detail, null);
    }

    static Evidence unticked(Location where, String detail, String fix) {
        return new Evidence(Tick.UNTICKED, where, detail, fix);
    }

    static Evidence unknown(Location where, String detail, String fix) {
        return new Evidence(Tick.UNKNOWN, where, detail, fix);
    }

    /** The fix worth showing: none on a ticked line. */
    String shownFix() {
        return tick == Tick.TICKED ? null : fix;
    }
}
