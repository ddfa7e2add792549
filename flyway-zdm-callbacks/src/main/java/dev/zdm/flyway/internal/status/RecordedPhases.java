package dev.zdm.flyway.internal.status;

import dev.zdm.core.phase.PhaseEntry;
import dev.zdm.core.phase.PhaseStates;
import dev.zdm.flyway.internal.status.StatusReport.RecordedPhase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;

/** The phases recorded in zdm_phase_state, read without writing (the status session is read-only). */
final class RecordedPhases {
    private RecordedPhases() {
    }

    static List<RecordedPhase> read(Connection connection, String schema) throws SQLException {
        Optional<PhaseStates> phases = PhaseStates.readOnly(connection, schema);
        List<RecordedPhase> out = new ArrayList<>();
        if (phases.isEmpty()) {
            return out;
        }
        for (PhaseEntry e : phases.get().all()) {
            out.add(new RecordedPhase(e.migration(), e.version(), e.phase(), e.status().value(),
                    e.updatedAt() == null ? null : e.updatedAt().toString(), e.who() == null ? null : e.who().describe(), e.evidence()));
        }
        return out;
    }

    /** A pending migration's phase from its file or class; an applied one's from its record; else null. */
    static String phaseOf(MigrationInfo info, Map<String, String> pendingPhases, List<RecordedPhase> recorded) {
        String name = info.getScript();
        if (name != null && pendingPhases.containsKey(name)) {
            return pendingPhases.get(name);
        }
        return recorded.stream().filter(r -> r.migration().equals(name) && !"rolled_back".equals(r.state()))
                .map(RecordedPhase::phase).reduce((a, b) -> b).orElse(null);
    }
}
