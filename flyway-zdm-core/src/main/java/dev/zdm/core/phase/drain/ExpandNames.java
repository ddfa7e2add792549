package dev.zdm.core.phase.drain;

/** How messages name the expand the old code predates. */
final class ExpandNames {
    private ExpandNames() {
    }

    /** {@code V5}, or {@code the expand} when the version is unknown. */
    static String migration(DrainSubject subject) {
        return subject.expandVersion() == null ? "the expand" : "V" + subject.expandVersion();
    }

    /** {@code 5}, or the placeholder {@code <expand version>}. */
    static String version(DrainSubject subject) {
        return subject.expandVersion() == null ? "<expand version>" : subject.expandVersion();
    }
}
