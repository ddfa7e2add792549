package dev.zdm.flyway.internal.contract;

import dev.zdm.core.phase.drain.DrainVerdict;
import dev.zdm.core.phase.drain.EvidenceItem;
import java.util.List;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationVersion;

/**
 * What a phase-aware migrate applies: the pending migrations in order, those it holds back (the first held one is
 * a contract migration, the rest follow it), the Flyway target that stops before them, and why.
 *
 * @param target      the last version to apply when something is held ({@link MigrationVersion#CURRENT} when nothing
 *                    may be applied), null when nothing is held
 * @param expandPoint the newest applied version: what the old application predates, null on an empty history
 * @param verdict     the drain evidence seen for the first pending contract migration, null when none was needed
 */
record HoldDecision(List<PendingPhase> pending, List<PendingPhase> held, MigrationVersion target, String expandPoint,
                    DrainVerdict verdict, String why) {

    static HoldDecision none(List<PendingPhase> pending, String why) {
        return new HoldDecision(pending, List.of(), null, null, null, why);
    }

    boolean holds() {
        return !held.isEmpty();
    }

    PendingPhase firstHeld() {
        return held.get(0);
    }

    /** The pending contract migrations this run applies. */
    List<PendingPhase> contractsApplied() {
        return pending.stream().filter(p -> p.contract() && !held.contains(p)).toList();
    }

    /** {@code V7__drop_name.sql (contract) and 2 later migration(s)}. */
    String describeHeld() {
        if (held.isEmpty()) {
            return "nothing";
        }
        return firstHeld().describe() + (held.size() > 1 ? " and " + (held.size() - 1) + " later migration(s) ("
                + held.subList(1, held.size()).stream().map(PendingPhase::describe).collect(Collectors.joining(", ")) + ")" : "");
    }

    /** One line per evidence source that keeps the contract back, with how to provide it. */
    String missingEvidence() {
        if (verdict == null) {
            return "";
        }
        return verdict.missing().stream().map(HoldDecision::line).collect(Collectors.joining("\n"));
    }

    static String line(EvidenceItem item) {
        return "  - " + item.source() + ": " + item.detail() + (item.howToProvide() == null || item.howToProvide().isEmpty() ? ""
                : " -> " + item.howToProvide());
    }
}
