package dev.zdm.core.lint.rules;

/** Text shared by the rules about changes that break the application still running the old code. */
final class BreakingChange {
    static final String PHASES = " A migration that declares no phase is judged as if the old code still ran. Once the "
            + "old code is gone, put the statement in a migration declared `-- zdm:phase=contract`: there it is expected and "
            + "reported as info (`flyway.zdm.phases=strict` treats an undeclared migration with such a statement as contract); "
            + "in one declared `expand` or `migrate` ZDM151 makes it an error. `-- zdm:ignore <rule> contract step: <why>` "
            + "still silences it in an undeclared migration.";

    private BreakingChange() {
    }
}
