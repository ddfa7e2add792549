package dev.zdm.flyway.internal.checklist;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * Where the checklist finds the rehearsals of the pending migrations: {@link RehearsalFile}, which {@code zdm:rehearse}
 * writes; {@link #NONE} when there is no record (the production-size item then stays unknown).
 */
public interface RehearsalRecords {
    /** No rehearsal recorded anywhere. */
    RehearsalRecords NONE = scripts -> Optional.empty();

    /**
     * The latest rehearsal that ran any of {@code checksums} (Flyway's checksum by script of each pending SQL
     * migration); the checklist then compares its checksums and table sizes with the target's.
     */
    Optional<Rehearsal> latest(Map<String, Integer> checksums) throws SQLException;
}
