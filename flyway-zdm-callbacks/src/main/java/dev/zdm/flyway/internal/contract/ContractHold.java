package dev.zdm.flyway.internal.contract;

import dev.zdm.core.backfill.BackfillCheckpoint;
import dev.zdm.core.backfill.BackfillJob;
import dev.zdm.core.backfill.BackfillJobs;
import dev.zdm.core.phase.PhaseEntry;
import dev.zdm.core.phase.PhaseStates;
import dev.zdm.core.phase.PhaseStatus;
import dev.zdm.core.phase.drain.DrainEvidence;
import dev.zdm.core.phase.drain.DrainSubject;
import dev.zdm.core.phase.drain.DrainVerdict;
import dev.zdm.core.phase.drain.RemovedObject;
import dev.zdm.core.phase.drain.RemovedObjects;
import dev.zdm.core.phase.drain.StatementActivity;
import dev.zdm.flyway.internal.HistorySchema;
import dev.zdm.flyway.internal.ZdmSettings;
import dev.zdm.flyway.internal.gate.AppliedHistory;
import dev.zdm.flyway.internal.gate.PendingMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * Decides which pending migrations a phase-aware migrate applies. The rule, in a linear Flyway history:
 * <ul>
 *   <li>{@link Mode#EXPAND}: everything before the first pending contract migration;</li>
 *   <li>{@link Mode#MIGRATE} (plain {@code migrate}) and {@link Mode#CONTRACT}: on an empty history, everything; with
 *       {@code flyway.zdm.contract=allow} (plain migrate only), everything; otherwise the first pending contract
 *       migration runs only when drain evidence holds for the newest applied version (the expand the old application
 *       predates), and with it the contract migrations right behind it; a contract migration after a later expand
 *       migration needs that expand applied and drained first, so it is held.</li>
 * </ul>
 */
final class ContractHold {
    enum Mode { MIGRATE, EXPAND, CONTRACT }

    private ContractHold() {
    }

    static HoldDecision decide(Configuration configuration, Connection connection, ZdmSettings settings, Mode mode,
                               String confirmedByCommand) throws SQLException {
        return decide(configuration, connection, settings, mode, confirmedByCommand, null);
    }

    /** @param known Flyway's {@code info()} already read on this connection, or null to read it when needed */
    static HoldDecision decide(Configuration configuration, Connection connection, ZdmSettings settings, Mode mode,
                               String confirmedByCommand, MigrationInfoService known) throws SQLException {
        if (mode == Mode.MIGRATE && settings.contract().allow()) {
            return HoldDecision.none(List.of(), "flyway.zdm.contract=allow");
        }
        AppliedHistory.Snapshot history = AppliedHistory.snapshot(configuration, connection);
        if (mode != Mode.EXPAND && history.fresh()) {
            return HoldDecision.none(List.of(), "the history is empty: no application runs on this database yet");
        }
        if (!history.fresh() && PendingMigrations.certainlyNone(configuration, history.applied())) {
            return HoldDecision.none(List.of(), "nothing pending");
        }
        MigrationInfoService info = known != null ? known : PendingMigrations.info(configuration, connection);
        List<PendingPhase> pending = PendingPhases.of(configuration, info.pending(), settings.lint().phases());
        int first = firstContract(pending, 0);
        if (first < 0) {
            return HoldDecision.none(pending, "no pending contract migration");
        }
        MigrationInfo current = info.current();
        String expandPoint = current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
        if (mode == Mode.EXPAND) {
            return hold(pending, first, expandPoint, null, "zdm:expand applies only what the old application can run with");
        }
        if (first > 0 && mode == Mode.CONTRACT) {
            return hold(pending, 0, expandPoint, null, "expand migration(s) before it are still pending: run mvn zdm:expand, "
                    + "deploy the new application, then zdm:contract once the old one is gone");
        }
        if (first > 0) {
            // plain migrate: the expand migrations before the contract run now; the contract waits for their drain
            return hold(pending, first, expandPoint, null, "the expand migration(s) before it are applied in this run, so the old"
                    + " application cannot have drained from them yet");
        }
        List<String> unfinished = unfinishedBackgroundJobs(configuration, connection);
        if (!unfinished.isEmpty()) {
            return hold(pending, first, expandPoint, null, "background backfill(s) not done yet: " + String.join("; ", unfinished)
                    + ". A contract migration waits for them (it may need their data, e.g. to SET NOT NULL); mvn zdm:backfill"
                    + " or the application's ZdmBackfillWorker finishes them");
        }
        DrainVerdict verdict = DrainEvidence.evaluate(connection, settings.contract().policy(confirmedByCommand),
                subject(configuration, connection, pending.get(first), expandPoint, current), Instant.now());
        if (!verdict.drained()) {
            return hold(pending, first, expandPoint, verdict, "drain evidence does not hold");
        }
        int next = first;
        while (next + 1 < pending.size() && pending.get(next + 1).contract()) {
            next++;
        }
        int later = firstContract(pending, next + 1);
        if (later < 0) {
            return new HoldDecision(pending, List.of(), null, expandPoint, verdict, "drain evidence holds");
        }
        return hold(pending, later, expandPoint, verdict, "a later contract migration needs the expand migration(s) before it"
                + " applied and drained first");
    }

    /**
     * The drain evidence for the contract steps of operation migrations that wait (no contract migration pending): the
     * old application predates the newest applied version.
     */
    static DrainVerdict waitingVerdict(Configuration configuration, Connection connection, ZdmSettings settings, String confirmed,
                                       List<String> waiting) throws SQLException {
        MigrationInfo current = PendingMigrations.info(configuration, connection).current();
        String expandPoint = current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
        Instant finished = current == null || current.getInstalledOn() == null ? null : current.getInstalledOn().toInstant();
        return DrainEvidence.evaluate(connection, settings.contract().policy(confirmed),
                new DrainSubject(expandPoint, finished, String.join(", ", waiting), List.of(), null), Instant.now());
    }

    /** The background backfill jobs not done (queued, running, paused, failed), with their progress. */
    static List<String> unfinishedBackgroundJobs(Configuration configuration, Connection connection) throws SQLException {
        List<String> out = new ArrayList<>();
        for (BackfillJob job : BackfillJobs.all(connection, HistorySchema.of(configuration, connection))) {
            if (job.background() && !job.done() && job.state() != BackfillCheckpoint.State.CANCELLED) {
                out.add(job.id() + " (" + job.state().sql() + ", " + job.checkpoint().rowsDone() + " rows done)");
            }
        }
        return out;
    }

    private static int firstContract(List<PendingPhase> pending, int from) {
        for (int i = from; i < pending.size(); i++) {
            if (pending.get(i).contract()) {
                return i;
            }
        }
        return -1;
    }

    private static HoldDecision hold(List<PendingPhase> pending, int firstHeld, String expandPoint, DrainVerdict verdict, String why) {
        MigrationVersion target = MigrationVersion.CURRENT;
        for (int i = firstHeld - 1; i >= 0; i--) {
            if (pending.get(i).info().getVersion() != null) {
                target = pending.get(i).info().getVersion();
                break;
            }
        }
        return new HoldDecision(pending, List.copyOf(pending.subList(firstHeld, pending.size())), target, expandPoint, verdict, why);
    }

    private static DrainSubject subject(Configuration configuration, Connection connection, PendingPhase contract, String expandPoint,
                                        MigrationInfo current) throws SQLException {
        List<RemovedObject> removed = contract.script() == null ? List.of() : RemovedObjects.of(contract.script());
        Instant finished = current == null || current.getInstalledOn() == null ? null : current.getInstalledOn().toInstant();
        Map<String, Long> baseline = baseline(configuration, connection, contract);
        return new DrainSubject(expandPoint, finished, contract.name(), removed, baseline);
    }

    /** The statement counts recorded when the contract was first held, if any. */
    @SuppressWarnings("unchecked")
    private static Map<String, Long> baseline(Configuration configuration, Connection connection, PendingPhase contract) throws SQLException {
        Optional<PhaseStates> phases = PhaseStates.readOnly(connection, HistorySchema.of(configuration, connection));
        Optional<PhaseEntry> held = phases.isEmpty() ? Optional.empty() : phases.get().find(contract.name(), "contract");
        Object recorded = held.filter(e -> e.status() == PhaseStatus.HELD).map(e -> e.detail().get("statementBaseline")).orElse(null);
        return recorded instanceof Map<?, ?> map ? StatementActivity.baselineFromJson((Map<String, ?>) map) : null;
    }

    /**
     * Records the held contract in zdm_phase_state with the evidence seen and, the first time, the statement counts on
     * what it removes (the baseline that later evidence compares with).
     */
    static void recordHeld(Configuration configuration, Connection connection, HoldDecision decision) throws SQLException {
        if (!decision.holds() || !decision.firstHeld().contract()) {
            return;
        }
        PendingPhase contract = decision.firstHeld();
        PhaseStates phases = PhaseStates.in(connection, HistorySchema.of(configuration, connection));
        Map<String, Object> detail = new LinkedHashMap<>();
        Optional<PhaseEntry> before = phases.find(contract.name(), "contract");
        before.filter(e -> e.status() == PhaseStatus.HELD).ifPresent(e -> detail.putAll(e.detail()));
        detail.put("reason", decision.why());
        if (decision.expandPoint() != null) {
            detail.put("expandVersion", decision.expandPoint());
        }
        if (!detail.containsKey("statementBaseline") && contract.script() != null) {
            List<RemovedObject> removed = RemovedObjects.of(contract.script());
            if (!removed.isEmpty()) {
                StatementActivity.snapshot(connection, removed).ifPresent(s -> detail.put("statementBaseline", new LinkedHashMap<>(s)));
            }
        }
        phases.record(contract.name(), contract.version(), "contract", PhaseStatus.HELD,
                decision.verdict() == null ? Map.of() : decision.verdict().toJson(), detail);
    }

    static List<String> names(List<PendingPhase> phases) {
        List<String> out = new ArrayList<>();
        phases.forEach(p -> out.add(p.describe()));
        return out;
    }
}
