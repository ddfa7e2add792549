package dev.zdm.flyway.internal.contract;

import dev.zdm.core.phase.DeployLock;
import dev.zdm.core.phase.drain.DrainVerdict;
import dev.zdm.core.phase.drain.EvidenceItem;
import dev.zdm.flyway.api.ZdmContractHeldException;
import dev.zdm.flyway.internal.HistorySchema;
import dev.zdm.flyway.internal.ZdmSettings;
import dev.zdm.flyway.internal.operations.WaitingOperations;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * {@code zdm:expand} and {@code zdm:contract}: a Flyway migrate that stops before the first pending contract
 * migration, and one that runs the held contract migrations once drain evidence holds. Each holds the
 * {@link DeployLock} of the history for its whole run, on the connection it decides on, so that two deployers take
 * turns and the second decides on what the first left.
 */
public final class PhaseCommands {
    private PhaseCommands() {
    }

    /** Applies the pending migrations before the first pending contract migration (on any history, even an empty one). */
    public static PhaseReport expand(Configuration configuration, Connection connection) throws SQLException {
        ZdmSettings settings = ZdmSettings.of(configuration);
        String schema = HistorySchema.of(configuration, connection);
        try (DeployLock lock = DeployLock.acquire(connection, schema, settings.contract().deployerWait(), "zdm:expand")) {
            HoldDecision decision = ContractHold.decide(configuration, connection, settings, ContractHold.Mode.EXPAND, null);
            MigrateResult result = migrate(configuration, decision, "zdm:expand");
            if (decision.holds()) {
                ContractHold.recordHeld(configuration, connection, decision);
            }
            String next = decision.holds()
                    ? "deploy the application version that no longer needs what the contract removes; once no old instance runs: "
                    + "mvn zdm:contract -Dzdm.confirmDrained=" + newest(result, decision)
                    : "nothing is held back; no contract migration is pending";
            return new PhaseReport("zdm:expand", applied(result), ContractHold.names(decision.held()),
                    decision.holds() ? decision.why() : "no pending contract migration", List.of(), List.of(), next);
        }
    }

    /**
     * Applies the held contract migrations (and what follows them, up to the next contract that needs its own drain)
     * when drain evidence holds; refuses with what is missing otherwise, applying nothing.
     *
     * @param confirmDrained the operator's confirmation given to this command ({@code -Dzdm.confirmDrained}), or null
     * @throws ZdmContractHeldException the evidence does not hold
     */
    public static PhaseReport contract(Configuration configuration, Connection connection, String confirmDrained) throws SQLException {
        ZdmSettings settings = ZdmSettings.of(configuration);
        String schema = HistorySchema.of(configuration, connection);
        try (DeployLock lock = DeployLock.acquire(connection, schema, settings.contract().deployerWait(), "zdm:contract")) {
            HoldDecision decision = ContractHold.decide(configuration, connection, settings, ContractHold.Mode.CONTRACT, confirmDrained);
            boolean contractPending = decision.pending().stream().anyMatch(PendingPhase::contract);
            List<String> waiting = WaitingOperations.waiting(configuration, connection).stream().map(e -> e.migration()).toList();
            if (contractPending && decision.contractsApplied().isEmpty()) {
                ContractHold.recordHeld(configuration, connection, decision);
                throw held(decision.describeHeld(), decision.why(), decision.verdict());
            }
            DrainVerdict verdict = decision.verdict();
            if (!waiting.isEmpty()) {
                // a waiting column change may need its background backfill: none of the contract steps starts before they are done
                List<String> unfinished = ContractHold.unfinishedBackgroundJobs(configuration, connection);
                if (!unfinished.isEmpty()) {
                    throw held("the contract steps of " + String.join(", ", waiting), "background backfill(s) not done yet: "
                            + String.join("; ", unfinished) + ". mvn zdm:backfill or the application's ZdmBackfillWorker finishes them"
                            + " (mvn zdm:status shows their progress)", null);
                }
            }
            if (!waiting.isEmpty() && verdict == null) {
                verdict = ContractHold.waitingVerdict(configuration, connection, settings, confirmDrained, waiting);
                if (!verdict.drained()) {
                    throw held("the contract steps of " + String.join(", ", waiting), "drain evidence does not hold", verdict);
                }
            }
            List<String> operations = new ArrayList<>();
            for (WaitingOperations.Contracted c : WaitingOperations.contractWaiting(configuration, connection,
                    verdict == null ? java.util.Map.of() : verdict.toJson())) {
                operations.add(c.migration() + " (" + String.join(", ", c.operations()) + ")");
            }
            MigrateResult result = contractPending ? migrate(configuration, decision, "zdm:contract") : null;
            List<String> evidence = verdict == null ? List.of() : verdict.items().stream().map(PhaseCommands::line).toList();
            String why = contractPending ? decision.why() : waiting.isEmpty() ? "no pending contract migration and no operation waiting"
                    : "drain evidence holds";
            String next = decision.holds() ? "a later contract migration waits for its own expand: mvn zdm:expand, deploy, then"
                    + " mvn zdm:contract again" : "done: the schema holds only what the new application needs";
            return new PhaseReport("zdm:contract", result == null ? List.of() : applied(result), ContractHold.names(decision.held()),
                    why, evidence, operations, next);
        }
    }

    private static ZdmContractHeldException held(String what, String why, DrainVerdict verdict) {
        return new ZdmContractHeldException("flyway-zdm zdm:contract refused: " + what + " waits: " + why + "."
                + (verdict == null ? "" : "\n" + verdict.missing().stream().map(HoldDecision::line)
                        .collect(java.util.stream.Collectors.joining("\n")))
                + "\nNothing was applied. mvn zdm:status shows the evidence again.");
    }

    /**
     * What a plain {@code migrate} would do with the pending migrations now (for {@code zdm:status}): what it would apply
     * and hold back, why, the drain evidence, and the phase of each pending migration. Reads only: records nothing.
     */
    public static Preview preview(Configuration configuration, Connection connection, MigrationInfoService info) throws SQLException {
        ZdmSettings settings = ZdmSettings.of(configuration);
        HoldDecision decision = ContractHold.decide(configuration, connection, settings, ContractHold.Mode.MIGRATE, null, info);
        java.util.Map<String, String> phases = new java.util.LinkedHashMap<>();
        List<String> applied = new ArrayList<>();
        for (PendingPhase p : decision.pending()) {
            phases.put(p.name(), p.phaseValue());
            if (!decision.held().contains(p)) {
                applied.add(p.describe());
            }
        }
        List<String> evidence = decision.verdict() == null ? List.of()
                : decision.verdict().items().stream().map(PhaseCommands::line).toList();
        String next = decision.holds() ? "mvn zdm:contract once the old application is gone"
                + (decision.expandPoint() == null ? "" : " (-Dzdm.confirmDrained=" + decision.expandPoint() + " confirms it)")
                : "nothing is held back";
        return new Preview(new PhaseReport("migrate (preview)", applied, ContractHold.names(decision.held()), decision.why(), evidence,
                List.of(), next), phases);
    }

    /**
     * {@link #preview}'s result.
     *
     * @param report what migrate would apply and hold back
     * @param phases the phase of each pending migration by its script or class name ({@code undeclared} when none)
     */
    public record Preview(PhaseReport report, java.util.Map<String, String> phases) {
    }

    /** Migrate on a copy of {@code configuration}, stopped before the held migrations, with the decision in force. */
    private static MigrateResult migrate(Configuration configuration, HoldDecision decision, String command) {
        FluentConfiguration fluent = Flyway.configure(configuration.getClassLoader()).configuration(configuration);
        if (decision.holds() && TargetOverride.stopsLater(configuration.getTarget(), decision.target())) {
            fluent.target(decision.target());
        }
        PhaseRun.start(decision, null, command);
        try {
            return fluent.load().migrate();
        } finally {
            PhaseRun.end();
        }
    }

    private static List<String> applied(MigrateResult result) {
        List<String> out = new ArrayList<>();
        for (MigrateOutput m : result.migrations) {
            out.add(m.filepath != null && !m.filepath.isEmpty() ? fileName(m.filepath) : "V" + m.version + " " + m.description);
        }
        return out;
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    private static String newest(MigrateResult result, HoldDecision decision) {
        if (result.targetSchemaVersion != null && !result.targetSchemaVersion.isEmpty()) {
            return result.targetSchemaVersion;
        }
        return decision.expandPoint() == null ? "<version>" : decision.expandPoint();
    }

    private static String line(EvidenceItem item) {
        return item.source() + ": " + item.status().name().toLowerCase() + (item.detail().isEmpty() ? "" : " - " + item.detail())
                + (item.howToProvide() == null || item.howToProvide().isEmpty() || item.status().name().equals("HOLDS") ? ""
                : " (" + item.howToProvide() + ")");
    }

}
