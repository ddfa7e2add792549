package dev.zdm.core.phase.drain;

public record EvidenceItem(String source, EvidenceStatus status, String detail, String howToProvide) {
}
