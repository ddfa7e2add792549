package dev.zdm.flyway.internal.contract;

import dev.zdm.core.phase.PhaseStates;
import dev.zdm.core.phase.PhaseStatus;
import dev.zdm.flyway.api.ZdmContractHeldException;
import dev.zdm.flyway.internal.HistorySchema;
import dev.zdm.flyway.internal.ZdmSettings;
import dev.zdm.flyway.internal.adapter.MigrateCommand;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.CallbackEvent;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.callback.InternalCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds contract migrations back in plain {@code migrate} (Maven, API, Spring Boot start-up) and records each phase
 * that ran. Before validation (BEFORE_VALIDATE, or BEFORE_MIGRATE when validateOnMigrate is off: both before Flyway
 * reads what is pending, and served on connections Flyway has open anyway; reached through
 * {@code ResumeFailedMigrations}, see {@link #beforeValidation}) it decides with {@link ContractHold}; when
 * a contract must wait it lowers migrate's target ({@link TargetOverride}), logs what it held back and why, and
 * records the hold. After each migration that declares a phase it records the phase as done, with the drain evidence
 * for a contract, on the migration's connection (in its transaction when it has one).
 */
public class ContractCallback implements InternalCallback<Event> {
    private static final Logger LOG = LoggerFactory.getLogger(ContractCallback.class.getPackageName());
    private static final Set<Event> ENDS = EnumSet.of(Event.AFTER_MIGRATE_OPERATION_FINISH, Event.AFTER_MIGRATE_ERROR,
            Event.AFTER_VALIDATE_ERROR);

    @Override
    public boolean supportsEventType(Class<? extends CallbackEvent<?>> eventType) {
        return eventType == Event.class;
    }

    @Override
    public boolean supports(Event event, Context context) {
        // BEFORE_VALIDATE / BEFORE_MIGRATE reach beforeValidation through ResumeFailedMigrations (one callback invocation)
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE || ENDS.contains(event);
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Configuration configuration = context.getConfiguration();
        if (PhaseRun.current() == null) {
            return; // a phase run exists only when a migrate with the extension on decided one
        }
        try {
            switch (event) {
                case BEFORE_EACH_MIGRATE -> refuseHeld(context.getMigrationInfo());
                case AFTER_EACH_MIGRATE -> record(configuration, context.getConnection(), context.getMigrationInfo());
                default -> endUnlessCommand();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Migrate's decision, before validation (BEFORE_VALIDATE, or BEFORE_MIGRATE when validateOnMigrate is off): called
     * by {@code ResumeFailedMigrations} in its own invocation for that event.
     */
    public static void beforeValidation(Context context) {
        Configuration configuration = context.getConfiguration();
        if (!MigrateCommand.isMigrateCommand() || !ZdmSettings.current(configuration).enabled()) {
            return;
        }
        try {
            beforeMigrate(configuration, context.getConnection());
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static FlywayException failure(SQLException e) {
        return new FlywayException("flyway-zdm could not read or record the phases of the migrations in zdm_phase_state ("
                + e.getSQLState() + ": " + e.getMessage() + "). Check that the migration user may create and write tables in"
                + " the history schema.", e);
    }

    private static void beforeMigrate(Configuration configuration, Connection connection) throws SQLException {
        PhaseRun running = PhaseRun.current();
        if (running != null && running.byCommand()) {
            return; // zdm:expand / zdm:contract decided and set the target
        }
        PhaseRun.end(); // a run left by a migrate that died before its end puts the user's target back before we read it
        ZdmSettings settings = ZdmSettings.current(configuration);
        HoldDecision decision = ContractHold.decide(configuration, connection, settings, ContractHold.Mode.MIGRATE, null);
        TargetOverride override = null;
        if (decision.holds()) {
            override = TargetOverride.lower(configuration, decision.target());
            ContractHold.recordHeld(configuration, connection, decision);
            LOG.warn("flyway-zdm: holding back {}: {}.{}\n  migrate applies up to {}; the held migrations stay pending. Run them"
                    + " with mvn zdm:contract once the old application is gone (-Dzdm.confirmDrained={} confirms it), or set"
                    + " flyway.zdm.contract=allow to run contract migrations with the others.",
                    decision.describeHeld(), decision.why(), decision.verdict() == null ? "" : "\n" + decision.missingEvidence(),
                    decision.target() == MigrationVersion.CURRENT ? "the current version (nothing new)" : "V" + decision.target(),
                    decision.target() != MigrationVersion.CURRENT ? decision.target().getVersion()
                            : decision.expandPoint() == null ? "<version>" : decision.expandPoint());
        } else if (!decision.contractsApplied().isEmpty()) {
            LOG.info("flyway-zdm: contract migration(s) {} run: {}", ContractHold.names(decision.contractsApplied()), decision.why());
        }
        PhaseRun.start(decision, override, null);
    }

    /** A safety net: when the target could not be lowered (a configuration class of someone else), refuse instead. */
    private static void refuseHeld(MigrationInfo info) {
        PhaseRun run = PhaseRun.current();
        if (run != null && info != null && run.isHeld(info)) {
            HoldDecision d = run.decision;
            throw new ZdmContractHeldException("flyway-zdm held back " + d.describeHeld() + ": " + d.why() + "."
                    + (d.verdict() == null ? "" : "\n" + d.missingEvidence()) + "\nThe migrations before it were applied. Run mvn"
                    + " zdm:contract once the old application is gone, or set flyway.zdm.contract=allow.");
        }
    }

    private static void record(Configuration configuration, Connection connection, MigrationInfo info) throws SQLException {
        PhaseRun run = PhaseRun.current();
        PendingPhase phase = run == null || info == null ? null : run.phaseOf(info);
        if (phase == null || phase.phase().isEmpty()) {
            return;
        }
        PhaseStates phases = PhaseStates.in(connection, HistorySchema.of(configuration, connection));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("command", run.command == null ? "migrate" : run.command);
        Map<String, Object> evidence = phase.contract() && run.verdict() != null ? run.verdict().toJson() : Map.of();
        phases.record(phase.name(), phase.version(), phase.phaseValue(), PhaseStatus.DONE, evidence, detail);
    }

    private static void endUnlessCommand() {
        PhaseRun run = PhaseRun.current();
        if (run != null && !run.byCommand()) {
            PhaseRun.end();
        }
    }

    @Override
    public String getCallbackName() {
        return "flyway-zdm contract hold";
    }
}
