package dev.zdm.flyway.internal.checklist;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A recorded run of pending migrations against a rehearsal database (a restored copy of the target), as
 * {@code zdm:rehearse} will record it.
 *
 * @param ranAt     when it ran
 * @param database  the rehearsal database's name (never a URL)
 * @param checksums Flyway's checksum of each migration it ran, by script ({@code V3__index.sql})
 * @param tableRows the estimated rows of each table the migrations touched, by schema-qualified name
 *                  ({@code public.orders}), as the rehearsal database held them before it ran
 * @param timings   how long each migration took, by script
 * @param unpredictedLocks the table locks the migrations held that the analyzer did not predict (from a sampled trace)
 */
public record Rehearsal(Instant ranAt, String database, Map<String, Integer> checksums, Map<String, Long> tableRows,
                        Map<String, Duration> timings, List<UnpredictedLock> unpredictedLocks) {
    public Rehearsal {
        checksums = Map.copyOf(checksums);
        tableRows = Map.copyOf(tableRows);
        timings = Map.copyOf(timings);
        unpredictedLocks = List.copyOf(unpredictedLocks);
    }

    /** A rehearsal without a lock trace. */
    public Rehearsal(Instant ranAt, String database, Map<String, Integer> checksums, Map<String, Long> tableRows,
                     Map<String, Duration> timings) {
        this(ranAt, database, checksums, tableRows, timings, List.of());
    }
}
