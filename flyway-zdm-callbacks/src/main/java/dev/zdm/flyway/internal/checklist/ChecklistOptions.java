package dev.zdm.flyway.internal.checklist;

import java.util.Objects;

/**
 * How strict the checklist is.
 *
 * @param largeTableRows    from how many estimated rows an unbatched UPDATE/DELETE unticks "batched for large tables";
 *                          null: {@code flyway.zdm.lint.smallTableRows} (default 10000), the lint's own line between a
 *                          small table and one where locks matter
 * @param rehearsalFraction a rehearsal ticks "tested on a production-size dataset" when each touched table held at
 *                          least this fraction of the target's rows there (0.5: half)
 * @param rehearsals        where rehearsals are recorded ({@link RehearsalRecords#NONE} by default: the Maven goal reads
 *                          {@code zdm-rehearsals.json} through {@link RehearsalFile})
 */
public record ChecklistOptions(Long largeTableRows, double rehearsalFraction, RehearsalRecords rehearsals) {
    public static final double DEFAULT_REHEARSAL_FRACTION = 0.5;

    public ChecklistOptions {
        if (largeTableRows != null && largeTableRows < 0) {
            throw new IllegalArgumentException("largeTableRows must be 0 or more, not " + largeTableRows);
        }
        if (!(rehearsalFraction > 0) || rehearsalFraction > 1) {
            throw new IllegalArgumentException("rehearsalFraction must be above 0 and at most 1, not " + rehearsalFraction);
        }
        Objects.requireNonNull(rehearsals, "rehearsals");
    }

    public static ChecklistOptions defaults() {
        return new ChecklistOptions(null, DEFAULT_REHEARSAL_FRACTION, RehearsalRecords.NONE);
    }

    public ChecklistOptions withLargeTableRows(long rows) {
        return new ChecklistOptions(rows, rehearsalFraction, rehearsals);
    }

    public ChecklistOptions withRehearsalFraction(double fraction) {
        return new ChecklistOptions(largeTableRows, fraction, rehearsals);
    }

    public ChecklistOptions withRehearsals(RehearsalRecords records) {
        return new ChecklistOptions(largeTableRows, rehearsalFraction, records);
    }
}
