package dev.zdm.flyway.internal.rollback;

import dev.zdm.core.text.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code zdm:rollback} did.
 *
 * @param history the history table, {@code "public"."flyway_schema_history"}
 * @param undone  the migrations undone, newest first
 * @param kept    the newest migration that stays and why ({@code V2__drop_legacy.sql, a contract migration}); empty when
 *                the whole history was undone
 */
public record RollbackReport(String history, List<Undone> undone, Optional<String> kept) {

    /**
     * One migration undone: its version and script, where its rollback was written, the statements it ran now (fewer
     * than its steps when an interrupted run had done some), and how long it took.
     */
    public record Undone(String version, String migration, String source, List<String> steps, int ran, Duration took) {
    }

    public RollbackReport {
        undone = List.copyOf(undone);
    }

    /** The versions undone, newest first. */
    public List<String> versions() {
        return undone.stream().map(Undone::version).toList();
    }

    public String toText() {
        StringBuilder out = new StringBuilder("flyway-zdm rollback of " + history + ": ");
        if (undone.isEmpty()) {
            out.append("nothing to undo");
        } else {
            out.append(undone.size()).append(undone.size() == 1 ? " migration undone" : " migrations undone").append(", newest first");
        }
        out.append(kept.map(k -> "; kept from " + k).orElse("")).append('\n');
        for (Undone u : undone) {
            out.append("  undone ").append(u.migration()).append(" with ").append(u.source()).append(": ")
                    .append(u.steps().isEmpty() ? "nothing to undo" : u.ran() + " of " + u.steps().size() + " statement(s) run now")
                    .append(", ").append(Durations.format(u.took())).append('\n');
            for (String step : u.steps()) {
                out.append("    ").append(step).append('\n');
            }
        }
        if (!undone.isEmpty()) {
            out.append("Their rows are gone from Flyway's history: the next migrate applies them again.\n");
        }
        return out.toString();
    }
}
