package dev.zdm.core.phase.drain;

import dev.zdm.core.lint.MigrationVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

public final class DrainEvidence {
    private DrainEvidence() {
    }

    public static DrainVerdict evaluate(Connection c, DrainPolicy p, DrainSubject s, Instant now) throws SQLException {
        EvidenceItem soak = p.soak() == null ? new EvidenceItem("soak", EvidenceStatus.NOT_CONFIGURED, "", "")
                : Duration.between(s.expandFinishedAt(), now).compareTo(p.soak()) >= 0
                ? new EvidenceItem("soak", EvidenceStatus.HOLDS, "soaked", "")
                : new EvidenceItem("soak", EvidenceStatus.MISSING, "not soaked", "wait");
        EvidenceItem confirmation = p.confirmedVersion() != null && s.expandVersion() != null
                && MigrationVersion.parse(p.confirmedVersion()).compareTo(MigrationVersion.parse(s.expandVersion())) >= 0
                ? new EvidenceItem("confirmation", EvidenceStatus.HOLDS, "confirmed " + p.confirmedVersion(), "")
                : new EvidenceItem("confirmation", EvidenceStatus.MISSING, "no confirmation",
                "-Dzdm.confirmDrained=" + s.expandVersion());
        return new DrainVerdict(List.of(soak, confirmation));
    }
}
