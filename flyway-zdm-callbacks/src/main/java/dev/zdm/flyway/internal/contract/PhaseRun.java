package dev.zdm.flyway.internal.contract;

import dev.zdm.core.phase.drain.DrainVerdict;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.api.MigrationInfo;

/**
 * The phase decisions of the {@code migrate} running on this thread: what is held back (and the target override that
 * does it), the evidence that let contract migrations run, the phase of each pending migration (for the records). Set
 * before validation, cleared when migrate ends. A phase command ({@code zdm:expand}, {@code zdm:contract}) sets it
 * before it starts its migrate, which then does not decide again.
 */
final class PhaseRun {
    private static final ThreadLocal<PhaseRun> CURRENT = new ThreadLocal<>();

    final HoldDecision decision;
    final String command;
    private final TargetOverride override;
    private final Map<String, PendingPhase> byName = new HashMap<>();

    private PhaseRun(HoldDecision decision, TargetOverride override, String command) {
        this.decision = decision;
        this.override = override;
        this.command = command;
        decision.pending().forEach(p -> byName.put(p.name(), p));
    }

    static PhaseRun current() {
        return CURRENT.get();
    }

    /** Starts the run of this thread's migrate; a run left over by a migrate that died early is ended first. */
    static PhaseRun start(HoldDecision decision, TargetOverride override, String command) {
        end();
        PhaseRun run = new PhaseRun(decision, override, command);
        CURRENT.set(run);
        return run;
    }

    static void end() {
        PhaseRun run = CURRENT.get();
        if (run != null) {
            CURRENT.remove();
            if (run.override != null) {
                run.override.restore();
            }
        }
    }

    /** Whether a phase command started this run (its migrate must not decide again). */
    boolean byCommand() {
        return command != null;
    }

    PendingPhase phaseOf(MigrationInfo info) {
        return byName.get(PendingPhase.name(info));
    }

    boolean isHeld(MigrationInfo info) {
        return decision.held().stream().anyMatch(p -> p.name().equals(PendingPhase.name(info)));
    }

    DrainVerdict verdict() {
        return decision.verdict();
    }
}
