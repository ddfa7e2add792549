package dev.zdm.flyway.internal.status;

import dev.zdm.core.text.Durations;
import dev.zdm.flyway.internal.status.StatusReport.BackfillStatus;
import dev.zdm.flyway.internal.status.StatusReport.FailedMigration;
import dev.zdm.flyway.internal.status.StatusReport.InvalidIndex;
import dev.zdm.flyway.internal.status.StatusReport.LintSummary;
import dev.zdm.flyway.internal.status.StatusReport.MigrationStatus;
import dev.zdm.flyway.internal.status.StatusReport.PendingFinding;
import dev.zdm.flyway.internal.contract.PhaseReport;
import dev.zdm.flyway.internal.status.StatusReport.RecordedPhase;
import java.time.Duration;
import java.util.Locale;

/** {@link StatusReport} for a terminal: one section per kind of thing, each line self-explaining. */
final class TextStatus {
    private TextStatus() {
    }

    static String render(StatusReport r) {
        StringBuilder out = new StringBuilder();
        out.append("flyway-zdm status of database ").append(r.database()).append(" (PostgreSQL ").append(r.serverVersion())
                .append("), history ").append(r.historyTable()).append('\n');
        migrations(out, r);
        phases(out, r);
        backfills(out, r);
        failed(out, r);
        invalidIndexes(out, r);
        return out.toString();
    }

    private static void migrations(StringBuilder out, StatusReport r) {
        out.append("\nMigrations (").append(r.migrations().size()).append(")\n");
        if (r.migrations().isEmpty()) {
            out.append("  none found in the configured locations\n");
        }
        for (MigrationStatus m : r.migrations()) {
            out.append(String.format(Locale.ROOT, "  %-8s %-10s %-10s %-32s %s%n", m.version() == null ? "R" : m.version(), m.state(),
                    m.phase() == null ? "" : m.phase(), m.description(), m.installedOn() == null ? "" : m.installedOn()));
            if (m.findings() != null) {
                if (m.findings().isEmpty()) {
                    out.append("           lint: no finding\n");
                }
                for (PendingFinding f : m.findings()) {
                    out.append("           ").append(f.severity()).append(' ').append(f.ruleId()).append(" line ").append(f.line())
                            .append(": ").append(f.message()).append('\n');
                }
            }
        }
        LintSummary lint = r.lint();
        if (lint != null) {
            out.append("  Pending migrations, judged against this database (PostgreSQL ").append(lint.postgresVersion()).append("): ");
            if (lint.blocksMigrate()) {
                out.append("migrate would refuse to start: a finding reaches flyway.zdm.lint.failOn=").append(lint.failOn())
                        .append(". Fix the migration as the finding says, or accept it with flyway.zdm.lint.accept.\n");
            } else if (lint.freshDatabase()) {
                out.append("fresh database (no applied migration): migrate applies them as plain Flyway would.\n");
            } else {
                out.append("nothing reaches flyway.zdm.lint.failOn=").append(lint.failOn()).append(": migrate would start.\n");
            }
        }
    }

    private static void phases(StringBuilder out, StatusReport r) {
        out.append("\nPhases\n");
        PhaseReport p = r.phases();
        if (p != null) {
            out.append("  migrate now would apply: ").append(p.applied().isEmpty() ? "nothing" : String.join(", ", p.applied())).append('\n');
            out.append("  held back: ").append(p.held().isEmpty() ? "nothing" : String.join(", ", p.held())).append(" (").append(p.why())
                    .append(")\n");
            p.evidence().forEach(e -> out.append("    drain evidence: ").append(e).append('\n'));
            if (!p.held().isEmpty()) {
                out.append("  next: ").append(p.next()).append('\n');
            }
        }
        for (RecordedPhase rec : r.recordedPhases()) {
            out.append("  ").append(rec.migration()).append(' ').append(rec.phase()).append(": ").append(rec.state().replace('_', ' '))
                    .append(rec.updatedAt() == null ? "" : " at " + rec.updatedAt()).append(rec.who() == null ? "" : " by " + rec.who())
                    .append('\n');
        }
    }

    private static void backfills(StringBuilder out, StatusReport r) {
        out.append("\nBackfills (").append(r.backfills().size()).append(")\n");
        if (r.backfills().isEmpty()) {
            out.append("  none recorded\n");
        }
        for (BackfillStatus b : r.backfills()) {
            out.append("  ").append(b.id()).append(" on ").append(b.table()).append(": ").append(b.state()).append(", ")
                    .append(String.format(Locale.ROOT, "%,d", b.rowsDone())).append(" rows done");
            if (b.estimatedRows() != null) {
                out.append(String.format(Locale.ROOT, " (table: about %,d rows)", b.estimatedRows()));
            }
            out.append(", ").append(b.batches()).append(" batch(es)");
            if (b.pass() > 1) {
                out.append(", pass ").append(b.pass());
            }
            out.append(", last key ").append(b.lastKey() == null ? "none" : "[" + b.lastKey() + "]")
                    .append(", updated ").append(b.updatedAt()).append('\n');
            if (b.background()) {
                backgroundJob(out, b);
                continue;
            }
            if ("running".equals(b.state()) && b.runner() == null) {
                out.append("      no session runs it now: its migrate stopped or was killed; the next migrate continues it from its"
                        + " checkpoint\n");
            }
            if ("failed".equals(b.state())) {
                out.append("      failed: ").append(firstLine(b.lastError())).append("\n      the next migrate continues it from "
                        + "its checkpoint once the cause is fixed\n");
            }
        }
    }

    /** A background job's line: rate, time left, runner, a pending request, and what to do when it stopped. */
    private static void backgroundJob(StringBuilder out, BackfillStatus b) {
        out.append("      background job");
        if (b.keysPerSecond() != null) {
            out.append(String.format(Locale.ROOT, ", %,d keys/s", b.keysPerSecond()));
        }
        if (b.etaSeconds() != null) {
            out.append(", eta ").append(Durations.format(Duration.ofSeconds(b.etaSeconds())));
        }
        out.append(", runner ").append(b.runner() == null ? "none yet" : b.runner());
        if (b.requested() != null) {
            out.append(", ").append(b.requested()).append(" requested");
        }
        out.append('\n');
        switch (b.state()) {
            case "failed", "incomplete", "cancelled" -> out.append("      ").append(b.lastError() == null ? b.state() : "last error: "
                    + firstLine(b.lastError())).append("\n      mvn zdm:backfill -Dzdm.retry=").append(b.id()).append(" queues it again\n");
            case "paused" -> out.append("      mvn zdm:backfill -Dzdm.resume=").append(b.id()).append(" lets runners take it again\n");
            default -> { }
        }
    }

    private static void failed(StringBuilder out, StatusReport r) {
        out.append("\nFailed migrations (").append(r.failed().size()).append(")\n");
        if (r.failed().isEmpty()) {
            out.append("  none\n");
        }
        for (FailedMigration f : r.failed()) {
            out.append("  ").append(f.version() == null ? f.script() : f.version()).append(' ').append(f.description()).append(": ")
                    .append(f.resumes() ? "will resume: " : "will not resume: ").append(f.reason()).append('\n');
        }
    }

    private static void invalidIndexes(StringBuilder out, StatusReport r) {
        out.append("\nInvalid indexes (").append(r.invalidIndexes().size()).append(")\n");
        if (r.invalidIndexes().isEmpty()) {
            out.append("  none\n");
        }
        for (InvalidIndex i : r.invalidIndexes()) {
            // relpages is 0 until the index is first vacuumed or analyzed: no size then rather than a wrong one.
            out.append("  ").append(i.index()).append(" on ").append(i.table())
                    .append(i.sizeBytes() > 0 ? " (" + size(i.sizeBytes()) + ")" : "").append(": ").append(i.unique() ? "unique " : "").append("(").append(i.columns()).append(")").append("\n      it slows every write and serves no read: DROP INDEX "
                    + "CONCURRENTLY ").append(i.index()).append(", or rebuild it with REINDEX INDEX CONCURRENTLY ")
                    .append(i.index()).append('\n');
        }
    }

    private static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%d kB", bytes / 1024);
        }
        return String.format(Locale.ROOT, "%d MB", bytes / (1024 * 1024));
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "(no error recorded)";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
