package dev.zdm.flyway.internal.rollback;

import dev.zdm.core.lint.MigrationSource;
import dev.zdm.core.lock.ConnectionSource;
import dev.zdm.core.lock.SessionSetting;
import dev.zdm.core.phase.DeployLock;
import dev.zdm.core.phase.MigrationPhase;
import dev.zdm.core.phase.PhaseStates;
import dev.zdm.core.phase.PhaseStatus;
import dev.zdm.core.phase.rollback.RollbackException;
import dev.zdm.core.phase.rollback.RollbackProgress;
import dev.zdm.core.phase.rollback.RollbackRunner;
import dev.zdm.core.sql.Identifiers;
import dev.zdm.flyway.internal.DdlOptionsFromSettings;
import dev.zdm.flyway.internal.HistorySchema;
import dev.zdm.flyway.internal.ZdmSettings;
import dev.zdm.flyway.internal.gate.LiveLint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code zdm:rollback} on one connection: takes the deploy lock and Flyway's history lock for the whole run, picks the
 * migrations to undo ({@link RollbackCandidates}), finds each one's rollback ({@link RollbackSource}) and refuses, before
 * anything is changed, when one has none or a malformed one; then undoes them newest first, each with the core
 * {@link RollbackRunner}: its transactional statements, the deletion of its history row and its
 * {@code zdm_phase_state} record ({@code rolled_back}) commit together. Statements run with Flyway's search path
 * ({@code "<history schema>", <the session's>}), as the migrations did.
 */
public final class RollbackCommand {
    private static final Logger LOG = LoggerFactory.getLogger(RollbackCommand.class.getPackageName());

    private RollbackCommand() {
    }

    /** Runs the rollback on {@code connection} (autocommit), with the settings of {@code configuration}. */
    public static RollbackReport run(Configuration configuration, Connection connection, RollbackOptions options) throws SQLException {
        connection.setAutoCommit(true);
        MigrationVersion rollbackTo = options.rollbackTo() == null ? null : MigrationVersion.fromVersion(options.rollbackTo());
        String schema = HistorySchema.of(configuration, connection);
        String history = Identifiers.qualified(schema, configuration.getTable());
        try (DeployLock deploy = DeployLock.acquire(connection, schema, options.lockPatience(), "zdm:rollback");
             FlywayHistoryLock flyway = FlywayHistoryLock.acquire(connection, schema, configuration.getTable(), options.lockPatience())) {
            MigrationInfo[] applied = LiveLint.migrations(configuration, connection).applied();
            List<MigrationSource> texts = LiveLint.sources(configuration, applied);
            PhaseStates states = PhaseStates.in(connection, schema);
            RollbackCandidates.Selection selection = RollbackCandidates.select(applied, texts, states, rollbackTo);
            if (selection.candidates().isEmpty()) {
                LOG.info("zdm:rollback: nothing to undo in {}{}", history, selection.kept().map(k -> " (newest: " + k + ")").orElse(""));
                return new RollbackReport(history, List.of(), selection.kept());
            }
            Map<Candidate, MigrationRollback> plan = plan(selection.candidates(),
                    List.of(new SectionSource(), UndoFileSource.of(configuration, connection),
                            new OperationUndoSource(configuration, connection)));
            ZdmSettings settings = ZdmSettings.of(configuration);
            List<RollbackReport.Undone> undone = new ArrayList<>();
            try (SessionSetting searchPath = flywaySearchPath(connection, schema);
                 RollbackRunner runner = new RollbackRunner(connection, ConnectionSource.of(configuration.getDataSource()),
                         settings.lock().policy(), DdlOptionsFromSettings.of(settings))) {
                for (Map.Entry<Candidate, MigrationRollback> e : plan.entrySet()) {
                    undone.add(undo(e.getKey(), e.getValue(), runner, states, history));
                }
            }
            return new RollbackReport(history, undone, selection.kept());
        }
    }

    /** Each candidate's rollback, or a refusal listing every candidate without one (and every malformed one). */
    private static Map<Candidate, MigrationRollback> plan(List<Candidate> candidates, List<RollbackSource> sources) throws RollbackException {
        Map<Candidate, MigrationRollback> plan = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Candidate c : candidates) {
            Optional<MigrationRollback> found = Optional.empty();
            for (RollbackSource source : sources) {
                found = source.find(c);
                if (found.isPresent()) {
                    break;
                }
            }
            if (found.isEmpty()) {
                missing.add("  " + c.describe() + ": " + whatToWrite(c));
            } else {
                problems.addAll(found.get().problems().stream().map(p -> "  " + p).toList());
                plan.put(c, found.get());
            }
        }
        if (!missing.isEmpty() || !problems.isEmpty()) {
            StringBuilder message = new StringBuilder("flyway-zdm zdm:rollback refused: nothing was undone. It would undo, newest first, ")
                    .append(String.join(", ", candidates.stream().map(Candidate::describe).toList())).append('.');
            if (!missing.isEmpty()) {
                message.append("\n").append(missing.size()).append(missing.size() == 1 ? " of them has" : " of them have").append(" no rollback written:\n").append(String.join("\n", missing));
            }
            if (!problems.isEmpty()) {
                message.append("\nMalformed rollbacks:\n").append(String.join("\n", problems));
            }
            message.append("\nWrite them and run zdm:rollback again (or undo fewer with rollbackTo).");
            throw new RollbackException(message.toString());
        }
        return plan;
    }

    private static String whatToWrite(Candidate c) {
        String version = c.version().getVersion();
        if (c.isSql()) {
            return "add a rollback section at its end, a line -- zdm:rollback followed by the SQL that undoes it, every line a --"
                    + " comment (-- DROP INDEX CONCURRENTLY IF EXISTS ...; -- ALTER TABLE ... DROP COLUMN IF EXISTS ...;), or write "
                    + UndoFileSource.PREFIX + version + "__" + c.fileName().substring(c.fileName().indexOf("__") + 2) + " beside it"
                    + " with that SQL; a migration that needs no undo gets the line -- zdm:rollback alone";
        }
        return "a " + c.type() + " migration has no rollback section; write " + UndoFileSource.PREFIX + version + "__undo_"
                + c.description().replace(' ', '_') + ".sql with the SQL that undoes it in the migration locations";
    }

    private static RollbackReport.Undone undo(Candidate c, MigrationRollback rollback, RollbackRunner runner, PhaseStates states,
                                              String history) throws SQLException {
        LOG.info("zdm:rollback: undoing {} with {}", c.describe(), rollback.source());
        long start = System.nanoTime();
        RollbackProgress progress = RollbackProgress.of(states, c.script(), c.version().getVersion(), c.phase());
        List<String> steps = rollback.steps();
        int ran = rollback.run(c, runner, progress, connection -> {
            deleteHistoryRow(connection, history, c);
            progress.finished(rollback.source(), steps.size());
            Optional<dev.zdm.core.phase.PhaseEntry> contract = states.find(c.script(), MigrationPhase.CONTRACT.value());
            if (contract.isPresent() && contract.get().status() != PhaseStatus.DONE && !c.phase().equals(MigrationPhase.CONTRACT.value())) {
                // an operation's contract steps that were waiting for zdm:contract: they have nothing left to complete
                states.record(c.script(), c.version().getVersion(), MigrationPhase.CONTRACT.value(), PhaseStatus.ROLLED_BACK,
                        contract.get().evidence(), contract.get().detail());
            }
        });
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("zdm:rollback: {} undone ({} statement(s) run); its row is gone from {}", c.describe(), ran, history);
        return new RollbackReport.Undone(c.version().getVersion(), c.describe(), rollback.source(), steps, ran, took);
    }

    private static void deleteHistoryRow(Connection connection, String history, Candidate c) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + history + " WHERE installed_rank = ? AND version = ?")) {
            ps.setInt(1, c.installedRank());
            ps.setString(2, c.version().getVersion());
            int rows = ps.executeUpdate();
            if (rows != 1) {
                throw new RollbackException("zdm:rollback of " + c.describe() + ": its row (installed_rank " + c.installedRank() + ") is no"
                        + " longer in " + history + ", though the history was locked; its rollback was not committed. Check the history"
                        + " (flyway info) and run zdm:rollback again.");
            }
        }
    }

    /** Flyway's search path during migrate: the history schema first, then the session's. */
    private static SessionSetting flywaySearchPath(Connection connection, String schema) throws SQLException {
        String current;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW search_path")) {
            rs.next();
            current = rs.getString(1);
        }
        String first = Identifiers.quote(schema);
        return SessionSetting.set(connection, "search_path", current == null || current.isBlank() ? first : first + ", " + current);
    }
}
