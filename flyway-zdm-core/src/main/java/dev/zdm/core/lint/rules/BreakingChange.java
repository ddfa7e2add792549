package dev.zdm.core.lint.rules;

/** Text shared by the rules about changes that break the application still running the old code. */
final class BreakingChange {
    static final String NO_PHASES = " flyway-zdm has no expand/contract phases yet, so every migration is treated as an "
            + "expand step: once the old code is gone, mark the contract migration with "
            + "`-- zdm:ignore <rule> contract step: <why it is safe now>`.";

    private BreakingChange() {
    }
}
