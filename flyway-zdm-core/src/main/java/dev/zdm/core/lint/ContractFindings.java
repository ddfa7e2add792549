package dev.zdm.core.lint;

import dev.zdm.core.phase.MigrationPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plays down the breaking findings of a contract migration: dropping or renaming what the old code used is what a
 * contract step is for, once no instance of the old code runs, so such a finding stays visible (info, saying why) but no
 * longer fails the lint or the gate. Findings about locks, scans and rewrites are untouched: a contract step must still
 * be lock-safe.
 */
final class ContractFindings {
    private ContractFindings() {
    }

    /**
     * {@code findings} of one migration, with its breaking ones at info when {@code phase} is contract.
     *
     * @param declared true when the migration declares its phase, false when {@code phases=strict} made it a contract
     */
    static List<Finding> playDown(List<Finding> findings, Optional<MigrationPhase> phase, boolean declared) {
        if (phase.orElse(null) != MigrationPhase.CONTRACT) {
            return findings;
        }
        String why = declared
                ? " Expected here: the migration is declared " + MigrationPhase.CONTRACT.directive()
                        + ", so it runs once no instance of the old code runs (reported as info)."
                : " Expected here: flyway.zdm.phases=strict treats this migration, which declares no phase, as a contract"
                        + " migration, to run once no instance of the old code runs (reported as info); write "
                        + MigrationPhase.CONTRACT.directive() + " at its top to say so.";
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            boolean lower = f.impact() == Impact.BREAKING && f.severity() != Severity.INFO;
            out.add(lower ? f.withSeverity(Severity.INFO, f.message() + why) : f);
        }
        return out;
    }
}
