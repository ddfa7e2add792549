package dev.zdm.flyway.internal.checklist;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a migration's rollback declaration by its marker line, {@code -- zdm:rollback} (the section that undoes the
 * migration follows it), or {@code -- zdm:rollback none <reason>} for a migration that needs none. Textual on purpose:
 * the {@code rollback} directive and its section reader ({@code dev.zdm.core.phase.rollback.RollbackSection}) are
 * being built elsewhere; this class is the one place to swap for it.
 */
final class RollbackMarker {
    private static final Pattern MARKER = Pattern.compile("^[ \\t]*--[ \\t]*(?i:zdm):rollback(?![\\w-])(.*)$", Pattern.MULTILINE);

    /**
     * The marker of a migration.
     *
     * @param line   its 1-based line
     * @param none   true for {@code -- zdm:rollback none ...}
     * @param reason what follows {@code none}, trimmed (empty when no reason is given)
     */
    record Marker(int line, boolean none, String reason) {
    }

    private RollbackMarker() {
    }

    /** The first marker line of {@code text}, if any. */
    static Optional<Marker> find(String text) {
        Matcher m = MARKER.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        int line = 1;
        for (int i = 0; i < m.start(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        String rest = m.group(1).strip();
        boolean none = rest.equalsIgnoreCase("none") || rest.toLowerCase(java.util.Locale.ROOT).startsWith("none ");
        return Optional.of(new Marker(line, none, none ? rest.substring(4).strip() : ""));
    }
}
