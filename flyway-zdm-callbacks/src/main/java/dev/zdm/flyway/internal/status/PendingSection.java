package dev.zdm.flyway.internal.status;

import dev.zdm.core.lint.Finding;
import dev.zdm.core.lint.LintResult;
import dev.zdm.flyway.internal.gate.LiveLint;
import dev.zdm.flyway.internal.status.StatusReport.LintSummary;
import dev.zdm.flyway.internal.status.StatusReport.PendingFinding;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.Configuration;

/** The gate's verdict on the pending SQL migrations, split per migration. */
final class PendingSection {
    private final LiveLint.Verdict verdict;

    private PendingSection(LiveLint.Verdict verdict) {
        this.verdict = verdict;
    }

    static PendingSection read(Configuration configuration, Connection connection, MigrationInfoService migrations) throws SQLException {
        boolean anyPending = Arrays.stream(migrations.all()).anyMatch(PendingSection::pending);
        return new PendingSection(anyPending ? LiveLint.pending(configuration, connection, migrations, note -> { }) : null);
    }

    /** The findings on {@code info} when it is pending, else null (applied migrations are not judged). */
    List<PendingFinding> findingsOf(MigrationInfo info) {
        if (verdict == null || !pending(info) || info.getScript() == null) {
            return null;
        }
        String file = Migrations.fileName(info.getScript());
        List<PendingFinding> out = new ArrayList<>();
        for (Finding f : verdict.result().findings()) {
            if (file.equals(Migrations.fileName(f.file()))) {
                LiveLint.RelationSize size = f.relation() == null ? null : verdict.sizes().get(f.relation().display());
                out.add(new PendingFinding(f.ruleId(), f.severity().id(), f.line(), f.message(),
                        f.relation() == null ? null : f.relation().display(), size == null ? null : size.exists(),
                        size == null || !size.exists() ? null : size.rows()));
            }
        }
        return out;
    }

    /** Pending as {@code migrate} sees it: not applied yet, or a repeatable migration whose checksum changed. */
    static boolean pending(MigrationInfo info) {
        return info.getState() == MigrationState.PENDING || info.getState() == MigrationState.OUTDATED;
    }

    /** The summary, or null when nothing is pending. */
    LintSummary summary() {
        if (verdict == null) {
            return null;
        }
        LintResult result = verdict.result();
        return new LintSummary(verdict.failOn(), verdict.postgresVersion(), verdict.fresh(), verdict.blocksMigrate(),
                result.statements(), result.findings().size());
    }
}
