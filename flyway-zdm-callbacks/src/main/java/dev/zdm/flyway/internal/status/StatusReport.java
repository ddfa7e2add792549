package dev.zdm.flyway.internal.status;

import dev.zdm.flyway.internal.contract.PhaseReport;
import java.util.List;

/**
 * What {@code zdm:status} knows about one database, read without taking a lock that waits and without writing:
 * every migration with its state, the gate's verdict on the pending ones, the batched backfills, the failed
 * migrations (and whether the next {@code migrate} continues them) and the invalid indexes. Render it with
 * {@link #toText()} or {@link #toJson()}.
 *
 * @param database        the database's name (never a URL: URLs may carry credentials)
 * @param serverVersion   PostgreSQL's {@code server_version}
 * @param historyTable    Flyway's history table, schema-qualified
 * @param migrations      every migration Flyway knows, in its order
 * @param lint            the gate's verdict on the pending SQL migrations, or null when nothing is pending
 * @param phases          what a plain {@code migrate} would apply and hold back now, and the drain evidence
 * @param recordedPhases  the phases recorded in zdm_phase_state, oldest first
 * @param backfills       every checkpoint of {@code zdm_backfill_progress}, oldest first
 * @param failed          the failed rows of the history
 * @param invalidIndexes  indexes left invalid (a failed concurrent build) in the schemas Flyway manages
 */
public record StatusReport(String database, String serverVersion, String historyTable, List<MigrationStatus> migrations,
                           LintSummary lint, PhaseReport phases, List<RecordedPhase> recordedPhases, List<BackfillStatus> backfills,
                           List<FailedMigration> failed, List<InvalidIndex> invalidIndexes) {

    /**
     * One migration as Flyway's {@code info} shows it, with its phase (expand, migrate, contract, undeclared; null when
     * unknown); for a pending SQL migration, the gate's findings on it.
     */
    public record MigrationStatus(String version, String description, String type, String script, String state,
                                  String installedOn, String phase, List<PendingFinding> findings) {
    }

    /** A phase recorded in zdm_phase_state: held, done, waiting for contract or rolled back, by whom, with what evidence. */
    public record RecordedPhase(String migration, String version, String phase, String state, String updatedAt, String who,
                                java.util.Map<String, Object> evidence) {
    }

    /** A finding on a pending migration, with what the live database says about its table. */
    public record PendingFinding(String ruleId, String severity, int line, String message, String relation,
                                 Boolean relationExists, Long estimatedRows) {
    }

    /**
     * The gate's verdict on the pending SQL migrations.
     *
     * @param blocksMigrate true when {@code migrate} would refuse to start (a finding reaches {@code failOn} and
     *                      the database is not fresh)
     */
    public record LintSummary(String failOn, int postgresVersion, boolean freshDatabase, boolean blocksMigrate,
                              int statements, int findings) {
    }

    /**
     * One batched backfill's checkpoint; {@code estimatedRows} is the table's size from the statistics. For a background
     * job ({@code background}): keys walked per second inside batches, the time left at that rate, the runner (the session
     * running it now, else the last one) and an operator's request (pause, cancel) not yet honoured; null when unknown.
     */
    public record BackfillStatus(String id, String table, String state, long rowsDone, long keysScanned, long batches,
                                 int pass, Long estimatedRows, String lastKey, String updatedAt, String finishedAt,
                                 String lastError, boolean background, Long keysPerSecond, Long etaSeconds, String runner,
                                 String requested) {
    }

    /**
     * A failed row of the history.
     *
     * @param resumes true when the next {@code migrate} continues it without {@code flyway repair}
     * @param reason  the evidence that it resumes (statement progress, a backfill checkpoint), or what to do instead
     * @param statementsApplied the statements an earlier run recorded as applied (statement progress)
     */
    public record FailedMigration(String version, String description, String script, boolean resumes, String reason,
                                  int statementsApplied) {
    }

    /**
     * An index left invalid, with its table, its size from pg_class (pages times block size) and its key columns
     * ({@code (expression)} for an expression).
     */
    public record InvalidIndex(String schema, String index, String table, long sizeBytes, boolean unique, String columns) {
    }

    /** Human-readable, for a terminal. */
    public String toText() {
        return TextStatus.render(this);
    }

    /** JSON, for tools. */
    public String toJson() {
        return JsonStatus.render(this);
    }
}
