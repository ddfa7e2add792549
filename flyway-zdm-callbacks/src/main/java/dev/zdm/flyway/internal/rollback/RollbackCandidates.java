package dev.zdm.flyway.internal.rollback;

import dev.zdm.core.lint.MigrationSource;
import dev.zdm.core.phase.MigrationPhase;
import dev.zdm.core.phase.PhaseDeclaration;
import dev.zdm.core.phase.PhaseEntry;
import dev.zdm.core.phase.PhaseStates;
import dev.zdm.core.phase.PhaseStatus;
import dev.zdm.core.phase.rollback.RollbackException;
import dev.zdm.core.sql.SqlScript;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Which applied migrations {@code zdm:rollback} undoes: walking Flyway's history from the newest row back, the
 * successfully applied versioned migrations until the first that must stay: a contract migration (declared
 * {@code -- zdm:phase=contract} in its script, or recorded as a done contract in {@code zdm_phase_state}: the old code is
 * gone, undoing what came before it is no longer an unfinished expand), a version at or below {@code rollbackTo}, a
 * baseline or schema marker. The list is always the newest part of the history, so nothing is undone under a migration
 * that stays. Refused: a failed migration among them (finish or repair it first), and a repeatable migration applied
 * after the oldest of them (it may use what the rollback removes).
 */
final class RollbackCandidates {
    private RollbackCandidates() {
    }

    /**
     * The migrations to undo, newest first, and why the walk stopped.
     *
     * @param kept the first migration that stays and why, or empty when the walk reached the start of the history
     */
    record Selection(List<Candidate> candidates, Optional<String> kept) {
    }

    static Selection select(MigrationInfo[] applied, List<MigrationSource> texts, PhaseStates states, MigrationVersion rollbackTo)
            throws SQLException {
        Map<String, String> textByScript = new HashMap<>();
        texts.forEach(t -> textByScript.put(t.path(), t.text()));
        List<MigrationInfo> newestFirst = Arrays.stream(applied).sorted(Comparator.comparingInt(MigrationInfo::getInstalledRank).reversed()).toList();
        List<Candidate> out = new ArrayList<>();
        List<MigrationInfo> repeatables = new ArrayList<>();
        String kept = null;
        for (MigrationInfo info : newestFirst) {
            if (info.getType().isSynthetic()) {
                kept = "the " + info.getType().name().toLowerCase() + " row " + info.getDescription() + " (rank " + info.getInstalledRank() + ")";
                break;
            }
            if (info.getState().isFailed()) {
                throw new RollbackException("flyway-zdm zdm:rollback refused: nothing was undone. " + name(info) + " failed and is still"
                        + " in Flyway's history (state " + info.getState().getDisplayName() + "). Finish it first (run migrate again: a"
                        + " failed non-transactional migration continues), or remove its row with flyway repair after undoing what it"
                        + " did, then run zdm:rollback again.");
            }
            if (info.getVersion() == null) {
                repeatables.add(info);
                continue;
            }
            Optional<String> text = Optional.ofNullable(info.getScript()).map(textByScript::get);
            if (isContract(info, text, states)) {
                kept = name(info) + ", a contract migration";
                break;
            }
            if (rollbackTo != null && info.getVersion().compareTo(rollbackTo) <= 0) {
                kept = name(info) + " (rollbackTo " + rollbackTo + ")";
                break;
            }
            out.add(new Candidate(info.getVersion(), info.getScript(), info.getDescription(), info.getInstalledRank(),
                    info.getType().name(), text, phase(info, text, states)));
        }
        if (!out.isEmpty()) {
            int oldest = out.get(out.size() - 1).installedRank();
            List<String> after = repeatables.stream().filter(r -> r.getInstalledRank() > oldest).map(RollbackCandidates::name).toList();
            if (!after.isEmpty()) {
                throw new RollbackException("flyway-zdm zdm:rollback refused: nothing was undone. The repeatable migration(s) "
                        + String.join(", ", after) + " ran after " + out.get(out.size() - 1).describe() + ", one of the migrations to"
                        + " undo, and may use what the rollback removes. Undo with rollbackTo set to a version applied after "
                        + String.join(", ", after) + " (or none), or change the repeatable migration so it no longer needs them and"
                        + " apply it first.");
            }
        }
        return new Selection(List.copyOf(out), Optional.ofNullable(kept));
    }

    private static boolean isContract(MigrationInfo info, Optional<String> text, PhaseStates states) throws SQLException {
        if (text.isPresent() && PhaseDeclaration.of(SqlScript.parse(info.getScript(), text.get())).orElse(null) == MigrationPhase.CONTRACT) {
            return true;
        }
        return info.getScript() != null && states.find(info.getScript(), MigrationPhase.CONTRACT.value())
                .map(PhaseEntry::status).filter(s -> s == PhaseStatus.DONE).isPresent();
    }

    /** The phase row the rollback is recorded in: the declared phase, else the recorded expand or migrate, else undeclared. */
    private static String phase(MigrationInfo info, Optional<String> text, PhaseStates states) throws SQLException {
        Optional<MigrationPhase> declared = text.flatMap(t -> PhaseDeclaration.of(SqlScript.parse(info.getScript(), t)));
        if (declared.isPresent()) {
            return declared.get().value();
        }
        for (MigrationPhase p : List.of(MigrationPhase.EXPAND, MigrationPhase.MIGRATE)) {
            if (states.find(info.getScript(), p.value()).isPresent()) {
                return p.value();
            }
        }
        return PhaseEntry.UNDECLARED;
    }

    private static String name(MigrationInfo info) {
        return info.getScript() != null ? info.getScript() : "version " + info.getVersion() + " " + info.getDescription();
    }
}
