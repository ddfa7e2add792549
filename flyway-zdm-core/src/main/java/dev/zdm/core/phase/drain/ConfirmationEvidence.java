package dev.zdm.core.phase.drain;

import dev.zdm.core.lint.MigrationVersion;

/**
 * Source {@code confirmation}: the operator states that no instance older than a version runs any more
 * ({@code -Dzdm.confirmDrained=<version>}). It holds for the expand version or any newer one (Flyway's order), so a
 * confirmation given for a later release covers an earlier expand too.
 */
final class ConfirmationEvidence {
    static final String PROPERTY = "zdm.confirmDrained";

    private ConfirmationEvidence() {
    }

    static EvidenceItem evaluate(DrainPolicy policy, DrainSubject subject) {
        String given = policy.confirmedVersion();
        if (given == null || given.isBlank()) {
            return new EvidenceItem(EvidenceItem.CONFIRMATION, EvidenceStatus.MISSING, "no operator confirmation given",
                    confirm(subject) + " once no instance older than " + ExpandNames.migration(subject) + " runs");
        }
        MigrationVersion confirmed;
        try {
            confirmed = MigrationVersion.parse(stripV(given));
        } catch (IllegalArgumentException e) {
            return new EvidenceItem(EvidenceItem.CONFIRMATION, EvidenceStatus.MISSING,
                    "-D" + PROPERTY + "=" + given + " is not a Flyway version", confirm(subject));
        }
        if (subject.expandVersion() == null) {
            return new EvidenceItem(EvidenceItem.CONFIRMATION, EvidenceStatus.HOLDS,
                    "the operator confirmed the old instances gone (-D" + PROPERTY + "=" + given + ")", null);
        }
        MigrationVersion expand = MigrationVersion.parse(stripV(subject.expandVersion()));
        if (confirmed.compareTo(expand) >= 0) {
            return new EvidenceItem(EvidenceItem.CONFIRMATION, EvidenceStatus.HOLDS, "the operator confirmed that no instance "
                    + "older than V" + confirmed + " runs (-D" + PROPERTY + "=" + given + "), which covers V" + expand, null);
        }
        return new EvidenceItem(EvidenceItem.CONFIRMATION, EvidenceStatus.MISSING, "-D" + PROPERTY + "=" + given
                + " confirms V" + confirmed + ", older than V" + expand + ", the expand the old code predates: V" + expand
                + " must be confirmed", confirm(subject));
    }

    /** {@code -Dzdm.confirmDrained=5}. */
    static String confirm(DrainSubject subject) {
        return "-D" + PROPERTY + "=" + ExpandNames.version(subject);
    }

    private static String stripV(String version) {
        String v = version.trim();
        return v.length() > 1 && (v.charAt(0) == 'V' || v.charAt(0) == 'v') ? v.substring(1) : v;
    }
}
