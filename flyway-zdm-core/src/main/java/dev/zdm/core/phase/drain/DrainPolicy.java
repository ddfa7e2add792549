package dev.zdm.core.phase.drain;

import java.time.Duration;
import java.util.List;

/**
 * What the operator configured as drain evidence.
 *
 * @param oldApplicationPatterns globs matched against {@code pg_stat_activity.application_name}, {@code *} standing for
 *                               any text, every other character for itself ({@code orders-app-v41*}); empty or null when
 *                               not configured (blank patterns are ignored)
 * @param soak                   the minimum time since the expand finished; null when not a source
 * @param confirmedVersion       the value of {@code -Dzdm.confirmDrained=<version>}, null when not given
 */
public record DrainPolicy(List<String> oldApplicationPatterns, Duration soak, String confirmedVersion) {
    public DrainPolicy {
        oldApplicationPatterns = oldApplicationPatterns == null ? List.of()
                : oldApplicationPatterns.stream().filter(p -> p != null && !p.isBlank()).map(String::trim).toList();
    }
}
