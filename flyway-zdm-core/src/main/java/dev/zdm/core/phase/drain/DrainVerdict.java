package dev.zdm.core.phase.drain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the drain evidence says, one item per source. The rule: <b>drained</b> when no item is
 * {@link EvidenceStatus#AGAINST} and the {@code soak} or the {@code confirmation} {@link EvidenceStatus#HOLDS}. The
 * sessions and statements sources can only stop a contract, never allow one alone: no matching session may just mean
 * the old instances use another name.
 */
public record DrainVerdict(List<EvidenceItem> items) {
    public DrainVerdict {
        items = List.copyOf(items);
    }

    /** No item against, and the soak or the confirmation holds. */
    public boolean drained() {
        return items.stream().noneMatch(i -> i.status() == EvidenceStatus.AGAINST) && timeOrOperatorHolds();
    }

    /**
     * What keeps the contract from running, for the refusal message: every item against, and, while neither holds, the
     * soak and confirmation items. Empty when {@link #drained()}.
     */
    public List<EvidenceItem> missing() {
        if (drained()) {
            return List.of();
        }
        List<EvidenceItem> out = new ArrayList<>();
        for (EvidenceItem item : items) {
            if (item.status() == EvidenceStatus.AGAINST) {
                out.add(item);
            } else if (!timeOrOperatorHolds() && isTimeOrOperator(item)) {
                out.add(item);
            }
        }
        return out;
    }

    /** The item of {@code source}, if evaluated. */
    public Optional<EvidenceItem> item(String source) {
        return items.stream().filter(i -> i.source().equals(source)).findFirst();
    }

    /**
     * For {@code zdm_phase_state.evidence}: {@code {"drained": false, "items": [{"source": "soak", "status": "missing",
     * "detail": "...", "howToProvide": "..."}]}} (plain maps, lists, strings and booleans; {@code howToProvide} left out
     * when null).
     */
    public Map<String, Object> toJson() {
        List<Object> list = new ArrayList<>();
        for (EvidenceItem item : items) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", item.source());
            m.put("status", item.status().value());
            m.put("detail", item.detail());
            if (item.howToProvide() != null) {
                m.put("howToProvide", item.howToProvide());
            }
            list.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("drained", drained());
        out.put("items", list);
        return out;
    }

    /** The verdict {@link #toJson()} wrote (as read back from {@code zdm_phase_state.evidence}). */
    public static DrainVerdict fromJson(Map<String, Object> json) {
        List<EvidenceItem> items = new ArrayList<>();
        if (json.get("items") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    Object how = m.get("howToProvide");
                    items.add(new EvidenceItem(String.valueOf(m.get("source")), EvidenceStatus.parse(String.valueOf(m.get("status"))),
                            String.valueOf(m.get("detail")), how == null ? null : how.toString()));
                }
            }
        }
        return new DrainVerdict(items);
    }

    /**
     * Several lines for logs and refusals: a headline with the rule, then one line per source with what it saw and how
     * to provide it.
     */
    public String describe() {
        StringBuilder out = new StringBuilder();
        if (drained()) {
            out.append("drained: ").append(holdingTimeOrOperator()).append(" and no evidence speaks against it");
        } else if (items.stream().anyMatch(i -> i.status() == EvidenceStatus.AGAINST)) {
            out.append("not drained: old application instances are still at work");
        } else {
            out.append("not drained: needs the soak time or an operator confirmation");
        }
        for (EvidenceItem item : items) {
            out.append(System.lineSeparator()).append("  ").append(item.describe());
        }
        return out.toString();
    }

    private boolean timeOrOperatorHolds() {
        return items.stream().anyMatch(i -> isTimeOrOperator(i) && i.status() == EvidenceStatus.HOLDS);
    }

    private String holdingTimeOrOperator() {
        List<String> holding = items.stream().filter(i -> isTimeOrOperator(i) && i.status() == EvidenceStatus.HOLDS)
                .map(i -> i.source().equals(EvidenceItem.SOAK) ? "the soak time" : "the operator confirmation").toList();
        return String.join(" and ", holding) + (holding.size() == 1 ? " holds" : " hold");
    }

    private static boolean isTimeOrOperator(EvidenceItem item) {
        return item.source().equals(EvidenceItem.SOAK) || item.source().equals(EvidenceItem.CONFIRMATION);
    }
}
