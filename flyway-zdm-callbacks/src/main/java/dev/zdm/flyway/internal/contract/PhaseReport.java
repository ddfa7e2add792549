package dev.zdm.flyway.internal.contract;

import java.util.List;

/**
 * What {@code zdm:expand} or {@code zdm:contract} did: the migrations it applied, those it held back and why, the
 * drain evidence it saw, and what to do next.
 *
 * @param command    {@code zdm:expand} or {@code zdm:contract}
 * @param applied    the migrations applied, {@code V2__full_name.sql (expand)}
 * @param held       the migrations held back, in order
 * @param why        why they were held (or why everything ran)
 * @param evidence   one line per drain evidence source, empty when none was needed
 * @param operations the contract steps of operation migrations that ran ({@code zdm:contract})
 * @param next       what the operator does next
 */
public record PhaseReport(String command, List<String> applied, List<String> held, String why, List<String> evidence,
                          List<String> operations, String next) {

    public String toText() {
        StringBuilder out = new StringBuilder("flyway-zdm ").append(command).append('\n');
        out.append("  applied: ").append(applied.isEmpty() ? "nothing" : String.join(", ", applied)).append('\n');
        if (!operations.isEmpty()) {
            out.append("  contract steps of operation migrations: ").append(String.join(", ", operations)).append('\n');
        }
        out.append("  held back: ").append(held.isEmpty() ? "nothing" : String.join(", ", held)).append('\n');
        out.append("  why: ").append(why).append('\n');
        if (!evidence.isEmpty()) {
            out.append("  drain evidence:\n");
            evidence.forEach(e -> out.append("    ").append(e).append('\n'));
        }
        out.append("  next: ").append(next).append('\n');
        return out.toString();
    }
}
