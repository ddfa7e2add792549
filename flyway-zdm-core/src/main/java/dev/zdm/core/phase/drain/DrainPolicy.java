package dev.zdm.core.phase.drain;

import java.time.Duration;
import java.util.List;

public record DrainPolicy(List<String> oldApplicationPatterns, Duration soak, String confirmedVersion) {
}
