package dev.zdm.flyway.internal.checklist;

import java.util.List;
import java.util.Objects;

/**
 * What one item found: its answer is the answer of its evidence lines ({@link Tick#of}).
 *
 * @param summary  one line: what was looked at ({@code 1 of 2 index statements on filled tables without CONCURRENTLY})
 * @param evidence the lines behind the answer, in migration order
 */
public record ItemOutcome(String summary, List<Evidence> evidence) {
    public ItemOutcome {
        Objects.requireNonNull(summary, "summary");
        evidence = List.copyOf(evidence);
    }

    public Tick tick() {
        return Tick.of(evidence.stream().map(Evidence::tick).filter(Objects::nonNull).toList());
    }
}
