package dev.zdm.core.phase.drain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

public record DrainVerdict(List<EvidenceItem> items) {
    public boolean drained() {
        return items.stream().noneMatch(i -> i.status() == EvidenceStatus.AGAINST) && items.stream()
                .anyMatch(i -> (i.source().equals("soak") || i.source().equals("confirmation")) && i.status() == EvidenceStatus.HOLDS);
    }

    public List<EvidenceItem> missing() {
        return items.stream().filter(i -> i.status() == EvidenceStatus.AGAINST || i.status() == EvidenceStatus.MISSING).toList();
    }

    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (EvidenceItem i : items) {
            out.put(i.source(), Map.of("status", i.status().name().toLowerCase(), "detail", i.detail()));
        }
        return out;
    }

    public String describe() {
        return items.stream().map(i -> i.source() + ": " + i.status() + " " + i.detail()).collect(Collectors.joining("\n"));
    }
}
